import {
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import type { Box } from "../../api/types";
import type { ViewPage } from "./review-model";

export interface PlacedEntry {
  key: string;
  name: string;
  colour: string;
  box: Box;
  tokenIds: string[];
  lowConfidence: boolean;
}

export interface PageViewerProps {
  page: ViewPage;
  imageUrl: string | null;
  imageError: boolean;
  /** Entries located on this page. */
  entries: PlacedEntry[];
  /** A line-item row outlined on this page (chosen in the line-items panel). */
  rowBox?: Box | null;
  selectedKey: string | null;
  /** Label every field; otherwise only the selected and the hovered one (labels of nearby fields would cover each other and the words). */
  allLabels: boolean;
  /** Token id → colour of the entry that holds it. */
  tokenOwners: Map<string, { key: string; colour: string }>;
  zoom: number;
  onZoom(zoom: number): void;
  /** Changes when the view should fit the page's words again (on open, on `0`). */
  fitRequest: number;
  onSelectEntry(key: string): void;
  /** Tokens picked with a click (one) or a drag (all the rectangle touches). */
  onPickTokens(tokenIds: string[], mode: "replace" | "toggle"): void;
}

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 6;
const DRAG_THRESHOLD = 4;

interface Drag {
  pointerId: number;
  startX: number;
  startY: number;
  scrollLeft: number;
  scrollTop: number;
  mode: "pan" | "select";
  moved: boolean;
  shift: boolean;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const pct = (v: number) => `${(v * 100).toFixed(3)}%`;

function boxStyle(box: Box) {
  return {
    left: pct(box[0]),
    top: pct(box[1]),
    width: pct(box[2] - box[0]),
    height: pct(box[3] - box[1]),
  };
}

/**
 * One page: its image with every word boxed (positions in % of the image, from the layout's
 * normalized boxes) and every field drawn in its colour. A click on a word or a drag over words
 * assigns them to the selected field; with no field selected a drag pans. Ctrl+wheel zooms.
 */
export function PageViewer(props: PageViewerProps) {
  const { page, zoom, onZoom, selectedKey } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pageRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 800, height: 600 });
  const [measured, setMeasured] = useState(false);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [rect, setRect] = useState<Box | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [hoveredKey, setHoveredKey] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      setViewport({ width: el.clientWidth, height: el.clientHeight });
      setMeasured(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === "Space" && !(e.target instanceof HTMLInputElement)) setSpaceHeld(true);
    };
    const up = (e: KeyboardEvent) => e.code === "Space" && setSpaceHeld(false);
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
    };
  }, []);

  // Fit the whole page at zoom 1; zoom multiplies from there.
  const aspect = page.width / page.height;
  const padding = 32;
  const fitWidth = Math.max(
    200,
    Math.min(viewport.width - padding, (viewport.height - padding) * aspect),
  );
  const width = Math.round(fitWidth * zoom);
  const height = Math.round(width / aspect);

  // Zooming keeps a point still: the pointer for Ctrl+wheel, else the middle of the view; a fit
  // scrolls the words' box into the middle instead.
  const anchor = useRef<{ x: number; y: number } | null>(null);
  const fitTarget = useRef<Box | null>(null);
  const shown = useRef({ width, height });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = shown.current;
    shown.current = { width, height };
    if (!el || !pageRef.current) return;
    const target = fitTarget.current;
    if (target) {
      fitTarget.current = null;
      const left = pageRef.current.offsetLeft;
      const top = pageRef.current.offsetTop;
      el.scrollLeft = left + ((target[0] + target[2]) / 2) * width - el.clientWidth / 2;
      el.scrollTop = top + ((target[1] + target[3]) / 2) * height - el.clientHeight / 2;
      return;
    }
    if (before.width === width) return;
    const a = anchor.current ?? { x: el.clientWidth / 2, y: el.clientHeight / 2 };
    anchor.current = null;
    const ratio = width / before.width;
    el.scrollLeft = (el.scrollLeft + a.x) * ratio - a.x;
    el.scrollTop = (el.scrollTop + a.y) * ratio - a.y;
  }, [width, height]);

  // Fit the words (not the blank margins of a photographed receipt) when asked.
  const fitRef = useRef({ viewport, fitWidth, onZoom });
  fitRef.current = { viewport, fitWidth, onZoom };
  useEffect(() => {
    void props.fitRequest;
    if (!measured) return;
    const p = page;
    const { viewport: v, fitWidth: fw, onZoom: setZoom } = fitRef.current;
    if (p.tokens.length === 0) {
      setZoom(1);
      return;
    }
    const margin = 0.02;
    let [x0, y0, x1, y1] = p.tokens[0]!.box;
    for (const t of p.tokens) {
      x0 = Math.min(x0, t.box[0]);
      y0 = Math.min(y0, t.box[1]);
      x1 = Math.max(x1, t.box[2]);
      y1 = Math.max(y1, t.box[3]);
    }
    const box: Box = [
      Math.max(0, x0 - margin),
      Math.max(0, y0 - margin),
      Math.min(1, x1 + margin),
      Math.min(1, y1 + margin),
    ];
    const pageHeightAtFit = fw / (p.width / p.height);
    const byWidth = (v.width - 32) / ((box[2] - box[0]) * fw);
    const byHeight = (v.height - 32) / ((box[3] - box[1]) * pageHeightAtFit);
    fitTarget.current = box;
    setZoom(clamp(Math.min(byWidth, byHeight), 1, MAX_ZOOM));
  }, [props.fitRequest, page, measured]);

  // Ctrl/⌘ + wheel zooms around the pointer (a non-passive listener, to keep the browser's zoom out).
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const bounds = el.getBoundingClientRect();
      anchor.current = { x: e.clientX - bounds.left, y: e.clientY - bounds.top };
      onZoom(clamp(zoomRef.current * Math.exp(-e.deltaY * 0.002), MIN_ZOOM, MAX_ZOOM));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [onZoom]);

  // Keep the selected field in view.
  useEffect(() => {
    if (!selectedKey) return;
    const el = pageRef.current?.querySelector<HTMLElement>(
      `[data-entry-key="${CSS.escape(selectedKey)}"]`,
    );
    el?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [selectedKey]);

  const toPage = useCallback((clientX: number, clientY: number) => {
    const bounds = pageRef.current!.getBoundingClientRect();
    return {
      x: clamp((clientX - bounds.left) / bounds.width, 0, 1),
      y: clamp((clientY - bounds.top) / bounds.height, 0, 1),
    };
  }, []);

  /** Words whose middle lies inside the dragged rectangle (touching a neighbour line is not enough). */
  function tokensIn(box: Box): string[] {
    return page.tokens
      .filter((t) => {
        const cx = (t.box[0] + t.box[2]) / 2;
        const cy = (t.box[1] + t.box[3]) / 2;
        return cx >= box[0] && cx <= box[2] && cy >= box[1] && cy <= box[3];
      })
      .map((t) => t.id);
  }

  function tokenAt(x: number, y: number): string | null {
    const hit = page.tokens.find(
      (t) => x >= t.box[0] && x <= t.box[2] && y >= t.box[1] && y <= t.box[3],
    );
    return hit?.id ?? null;
  }

  function onPointerDown(e: ReactPointerEvent<HTMLDivElement>) {
    if (e.button !== 0 && e.button !== 1) return;
    const scroller = scrollRef.current!;
    const mode = e.button === 1 || spaceHeld || !selectedKey ? "pan" : "select";
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({
      pointerId: e.pointerId,
      startX: e.clientX,
      startY: e.clientY,
      scrollLeft: scroller.scrollLeft,
      scrollTop: scroller.scrollTop,
      mode,
      moved: false,
      shift: e.shiftKey,
    });
  }

  /** The field under the pointer (the smallest box that holds it), or the one whose label it is on. */
  function trackHover(e: ReactPointerEvent<HTMLDivElement>) {
    const tag = (e.target as HTMLElement).closest<HTMLElement>("[data-entry-key]");
    let key = tag?.dataset.entryKey ?? null;
    if (!key) {
      const { x, y } = toPage(e.clientX, e.clientY);
      const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);
      const hits = props.entries
        .filter((en) => x >= en.box[0] && x <= en.box[2] && y >= en.box[1] && y <= en.box[3])
        .sort((a, b) => area(a.box) - area(b.box));
      key = hits[0]?.key ?? null;
    }
    if (key !== hoveredKey) setHoveredKey(key);
  }

  function onPointerMove(e: ReactPointerEvent<HTMLDivElement>) {
    if (!drag) trackHover(e);
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dx = e.clientX - drag.startX;
    const dy = e.clientY - drag.startY;
    const moved = drag.moved || Math.hypot(dx, dy) > DRAG_THRESHOLD;
    if (moved && !drag.moved) setDrag({ ...drag, moved });
    if (!moved) return;
    if (drag.mode === "pan") {
      scrollRef.current!.scrollLeft = drag.scrollLeft - dx;
      scrollRef.current!.scrollTop = drag.scrollTop - dy;
    } else {
      const a = toPage(drag.startX, drag.startY);
      const b = toPage(e.clientX, e.clientY);
      setRect([Math.min(a.x, b.x), Math.min(a.y, b.y), Math.max(a.x, b.x), Math.max(a.y, b.y)]);
    }
  }

  function onPointerUp(e: ReactPointerEvent<HTMLDivElement>) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const mode = drag.shift || e.shiftKey ? "toggle" : "replace";
    if (drag.mode === "select" && drag.moved && rect) {
      const ids = tokensIn(rect);
      if (ids.length > 0) props.onPickTokens(ids, mode);
    } else if (!drag.moved) {
      const { x, y } = toPage(e.clientX, e.clientY);
      const id = tokenAt(x, y);
      if (id && selectedKey) props.onPickTokens([id], mode);
      else if (id && props.tokenOwners.has(id)) props.onSelectEntry(props.tokenOwners.get(id)!.key);
    }
    setDrag(null);
    setRect(null);
  }

  const cursor =
    drag?.mode === "pan" && drag.moved
      ? "grabbing"
      : spaceHeld || !selectedKey
        ? "grab"
        : "crosshair";
  const selectedColour = props.entries.find((en) => en.key === selectedKey)?.colour;

  return (
    <div className="viewer-scroll" ref={scrollRef}>
      <div
        className="page"
        ref={pageRef}
        style={{ width, height, cursor }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          setDrag(null);
          setRect(null);
        }}
        onPointerLeave={() => setHoveredKey(null)}
      >
        {props.imageUrl ? (
          <img
            className="page-image"
            src={props.imageUrl}
            alt={`Page ${page.index + 1}`}
            draggable={false}
            data-testid="page-image"
          />
        ) : (
          <div className="page-placeholder">{props.imageError ? "" : "Loading the page…"}</div>
        )}
        <div className="token-layer" aria-hidden="true">
          {page.tokens.map((t) => {
            const owner = props.tokenOwners.get(t.id);
            const mine = owner !== undefined && owner.key === selectedKey;
            return (
              <div
                key={t.id}
                className={
                  mine
                    ? "token-box token-box-selected"
                    : owner
                      ? "token-box token-box-owned"
                      : "token-box"
                }
                style={{
                  ...boxStyle(t.box),
                  ...(owner ? { ["--owner" as string]: owner.colour } : {}),
                }}
                data-testid="token-box"
                data-token-id={t.id}
                title={t.text}
              />
            );
          })}
        </div>
        <div className="field-layer">
          {props.entries.map((en) => {
            const labelled = props.allLabels || en.key === selectedKey || en.key === hoveredKey;
            return (
              <div
                key={en.key}
                className={
                  en.key === selectedKey
                    ? "field-box field-box-selected"
                    : selectedKey
                      ? "field-box field-box-dim"
                      : "field-box"
                }
                style={{ ...boxStyle(en.box), ["--colour" as string]: en.colour }}
                data-entry-key={en.key}
                data-field={en.name}
                data-testid="field-box"
              >
                <button
                  type="button"
                  // Hidden, not removed: a hidden label takes no clicks and covers no words.
                  className={labelled ? "field-tag" : "field-tag field-tag-hidden"}
                  data-testid="field-tag"
                  onPointerDown={(e) => e.stopPropagation()}
                  onClick={() => props.onSelectEntry(en.key)}
                  tabIndex={-1}
                  title={`Select ${en.name}${en.lowConfidence ? " (low confidence)" : ""}`}
                >
                  {en.lowConfidence ? "! " : ""}
                  {en.name}
                </button>
              </div>
            );
          })}
        </div>
        {props.rowBox && (
          <div
            className="line-item-box"
            style={boxStyle(props.rowBox)}
            data-testid="line-item-box"
          />
        )}
        {rect && (
          <div
            className="select-rect"
            style={{ ...boxStyle(rect), ["--colour" as string]: selectedColour ?? "var(--accent)" }}
          />
        )}
      </div>
    </div>
  );
}
