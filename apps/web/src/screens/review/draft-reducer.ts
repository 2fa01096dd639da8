import type { LabelSchema } from "../../api/types";
import {
  type Draft,
  entriesForCategory,
  type FieldEntry,
  findCategoryDefinition,
  isChecked,
  sortTokenIds,
  type TokenIndex,
  tokensStillSpell,
  valueFromTokens,
} from "./review-model";

export type DraftAction =
  | { type: "select"; key: string | null }
  | { type: "move"; by: 1 | -1 }
  | { type: "assign-tokens"; key: string; tokenIds: string[]; mode: "replace" | "toggle" }
  | { type: "type-value"; key: string; value: string }
  | { type: "clear"; key: string }
  | { type: "accept"; key: string }
  | { type: "accept-all" }
  | { type: "toggle-absent"; key: string }
  | { type: "set-category"; category: string }
  | { type: "add-entry"; name: string }
  | { type: "remove-entry"; key: string }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; draft: Draft };

export interface DraftState {
  draft: Draft;
  /** Earlier drafts, newest last; selection changes alone are not undone. */
  history: Draft[];
  /** Drafts undone, the next to redo last; any new change forgets them. */
  future: Draft[];
  /** Consecutive keystrokes in one field are one undo step. */
  typingIn: string | null;
}

export interface DraftContext {
  schema: LabelSchema;
  tokens: TokenIndex;
}

const HISTORY_LIMIT = 200;

function update(entries: FieldEntry[], key: string, change: (e: FieldEntry) => FieldEntry) {
  return entries.map((e) => (e.key === key ? change(e) : e));
}

/** The next entry after `key` that still needs a look, else simply the next one. */
function nextKey(entries: FieldEntry[], key: string | null, by: 1 | -1 = 1): string | null {
  if (entries.length === 0) return null;
  const at = entries.findIndex((e) => e.key === key);
  if (at === -1) return entries[0]!.key;
  const to = Math.min(entries.length - 1, Math.max(0, at + by));
  return entries[to]!.key;
}

function nextUnaccepted(entries: FieldEntry[], key: string): string | null {
  const at = entries.findIndex((e) => e.key === key);
  for (let i = 1; i <= entries.length; i++) {
    const e = entries[(at + i) % entries.length]!;
    if (!isChecked(e)) return e.key;
  }
  return key;
}

function withDraft(state: DraftState, draft: Draft, typingIn: string | null = null): DraftState {
  const history =
    state.typingIn !== null && state.typingIn === typingIn
      ? state.history
      : [...state.history, state.draft].slice(-HISTORY_LIMIT);
  return { draft, history, future: [], typingIn };
}

export function draftReducer(ctx: DraftContext) {
  return (state: DraftState, action: DraftAction): DraftState => {
    const { draft } = state;
    switch (action.type) {
      case "select":
        return { ...state, draft: { ...draft, selectedKey: action.key }, typingIn: null };
      case "move":
        return {
          ...state,
          draft: { ...draft, selectedKey: nextKey(draft.entries, draft.selectedKey, action.by) },
          typingIn: null,
        };
      case "assign-tokens": {
        const entries = update(draft.entries, action.key, (e) => {
          let ids = action.tokenIds;
          if (action.mode === "toggle") {
            const have = new Set(e.tokenIds);
            const all = action.tokenIds.every((id) => have.has(id));
            for (const id of action.tokenIds) {
              if (all) have.delete(id);
              else have.add(id);
            }
            ids = [...have];
          }
          const tokenIds = sortTokenIds(ids, ctx.tokens);
          return {
            ...e,
            tokenIds,
            value: valueFromTokens(tokenIds, ctx.tokens),
            edited: true,
            absent: false,
          };
        });
        return withDraft(state, { ...draft, entries, selectedKey: action.key });
      }
      case "type-value": {
        const entries = update(draft.entries, action.key, (e) => ({
          ...e,
          value: action.value,
          tokenIds: tokensStillSpell(action.value, e.tokenIds, ctx.tokens) ? e.tokenIds : [],
          edited: true,
          absent: false,
        }));
        return withDraft(state, { ...draft, entries, selectedKey: action.key }, action.key);
      }
      case "clear": {
        const entries = update(draft.entries, action.key, (e) => ({
          ...e,
          value: "",
          tokenIds: [],
          page: null,
          box: null,
          edited: true,
        }));
        return withDraft(state, { ...draft, entries });
      }
      case "accept": {
        const entries = update(draft.entries, action.key, (e) => ({ ...e, accepted: true }));
        return withDraft(state, {
          ...draft,
          entries,
          selectedKey: nextUnaccepted(entries, action.key),
        });
      }
      case "toggle-absent": {
        // "Not in this document": the value goes (its words too); unmarking leaves it empty.
        const entries = update(draft.entries, action.key, (e) =>
          e.absent
            ? { ...e, absent: false }
            : { ...e, absent: true, value: "", tokenIds: [], page: null, box: null, edited: true },
        );
        const marked = entries.find((e) => e.key === action.key)?.absent ?? false;
        return withDraft(state, {
          ...draft,
          entries,
          selectedKey: marked ? nextUnaccepted(entries, action.key) : action.key,
        });
      }
      case "accept-all":
        return withDraft(state, {
          ...draft,
          entries: draft.entries.map((e) => ({ ...e, accepted: true })),
        });
      case "set-category": {
        if (action.category === draft.category) return state;
        const entries = entriesForCategory(
          findCategoryDefinition(ctx.schema, action.category),
          draft.entries.filter((e) => e.value.trim() !== ""),
        );
        return withDraft(state, {
          category: action.category,
          entries,
          selectedKey: entries[0]?.key ?? null,
        });
      }
      case "add-entry": {
        const same = draft.entries.filter((e) => e.name === action.name);
        const last = draft.entries.lastIndexOf(same.at(-1)!);
        const used = new Set(same.map((e) => e.key));
        let n = same.length;
        while (used.has(`${action.name}#${n}`)) n++;
        const entry: FieldEntry = {
          key: `${action.name}#${n}`,
          name: action.name,
          value: "",
          tokenIds: [],
          page: null,
          box: null,
          predicted: null,
          edited: true,
          accepted: false,
          absent: false,
        };
        const entries = [...draft.entries];
        entries.splice(last + 1, 0, entry);
        return withDraft(state, { ...draft, entries, selectedKey: entry.key });
      }
      case "remove-entry": {
        const entry = draft.entries.find((e) => e.key === action.key);
        if (!entry || draft.entries.filter((e) => e.name === entry.name).length < 2) return state;
        const entries = draft.entries.filter((e) => e.key !== action.key);
        return withDraft(state, {
          ...draft,
          entries,
          selectedKey:
            draft.selectedKey === action.key ? nextKey(entries, null) : draft.selectedKey,
        });
      }
      case "undo": {
        const previous = state.history.at(-1);
        if (!previous) return state;
        return {
          draft: { ...previous, selectedKey: previous.selectedKey ?? draft.selectedKey },
          history: state.history.slice(0, -1),
          future: [...state.future, draft],
          typingIn: null,
        };
      }
      case "redo": {
        const next = state.future.at(-1);
        if (!next) return state;
        return {
          draft: { ...next, selectedKey: next.selectedKey ?? draft.selectedKey },
          history: [...state.history, draft].slice(-HISTORY_LIMIT),
          future: state.future.slice(0, -1),
          typingIn: null,
        };
      }
      case "reset":
        return { draft: action.draft, history: [], future: [], typingIn: null };
    }
  };
}
