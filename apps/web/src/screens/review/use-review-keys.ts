import { useEffect, useRef } from "react";
import type { DraftAction } from "./draft-reducer";
import type { Draft } from "./review-model";

interface ReviewKeys {
  draft: Draft;
  dispatch(action: DraftAction): void;
  help: boolean;
  setHelp(open: boolean): void;
  canReview: boolean;
  save(andNext: boolean): Promise<void>;
  skip(): Promise<void>;
  zoomBy(factor: number): void;
  resetZoom(): void;
  turnPage(by: number): void;
  toggleLabels(): void;
  focusValue(key: string): void;
  focusCategory(): void;
}

/** The review screen's keyboard (see shortcuts.ts): one listener, reading the latest state. */
export function useReviewKeys(keys: ReviewKeys): void {
  const ref = useRef(keys);
  ref.current = keys;

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const k = ref.current;
      const target = e.target as HTMLElement | null;
      const typing = target?.closest("input, textarea, select, [contenteditable='true']") != null;
      const onControl = target?.closest("button, a") != null;
      const mod = e.ctrlKey || e.metaKey;
      const selected = k.draft.selectedKey;

      if (k.help) {
        if (e.key === "?") k.setHelp(false);
        return; // the dialog handles Escape itself
      }
      if (mod && e.key === "Enter") {
        e.preventDefault();
        void k.save(true);
        return;
      }
      if (mod && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void k.save(false);
        return;
      }
      if (mod && e.key.toLowerCase() === "z" && !e.shiftKey) {
        e.preventDefault();
        if (k.canReview) k.dispatch({ type: "undo" });
        return;
      }
      if (mod && ((e.key.toLowerCase() === "z" && e.shiftKey) || e.key.toLowerCase() === "y")) {
        e.preventDefault();
        if (k.canReview) k.dispatch({ type: "redo" });
        return;
      }
      if (typing) {
        if (e.key === "Escape") {
          e.preventDefault();
          target?.blur();
        }
        return;
      }
      if (mod || e.altKey) return;
      if (onControl && (e.key === "Enter" || e.key === " ")) return;

      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case "j":
        case "ArrowDown":
          return act(() => k.dispatch({ type: "move", by: 1 }));
        case "k":
        case "ArrowUp":
          return act(() => k.dispatch({ type: "move", by: -1 }));
        case "?":
          return act(() => k.setHelp(true));
        case "Escape":
          return act(() => k.dispatch({ type: "select", key: null }));
        case "n":
          return act(() => void k.skip());
        case "[":
        case "PageUp":
          return act(() => k.turnPage(-1));
        case "]":
        case "PageDown":
          return act(() => k.turnPage(1));
        case "+":
        case "=":
          return act(() => k.zoomBy(1.25));
        case "-":
          return act(() => k.zoomBy(1 / 1.25));
        case "0":
          return act(() => k.resetZoom());
        case "l":
          return act(() => k.toggleLabels());
      }
      if (!k.canReview) return;
      switch (e.key) {
        case "Enter":
          if (selected) act(() => k.dispatch({ type: "accept", key: selected }));
          return;
        case "A":
          return act(() => k.dispatch({ type: "accept-all" }));
        case "e":
        case "F2":
          if (selected) act(() => k.focusValue(selected));
          return;
        case "Backspace":
        case "Delete":
          if (selected) act(() => k.dispatch({ type: "clear", key: selected }));
          return;
        case "z":
          return act(() => k.dispatch({ type: "undo" }));
        case "x":
          if (selected) act(() => k.dispatch({ type: "toggle-absent", key: selected }));
          return;
        case "c":
          return act(() => k.focusCategory());
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
