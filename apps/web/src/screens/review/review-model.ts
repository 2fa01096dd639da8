import { comparisonKey, type NormalizeHints } from "@pagewise/core";
import type {
  Box,
  CategoryDefinition,
  DocumentView,
  LabelSchema,
  Layout,
  ReviewInput,
} from "../../api/types";

/** One value of one field, as the reviewer sees and edits it. List fields may have several. */
export interface FieldEntry {
  /** Unique within the draft: `<name>#<n>`. */
  key: string;
  name: string;
  value: string;
  /** The words that hold the value; empty when the value was typed (the API aligns it). */
  tokenIds: string[];
  /** Where the value is when no tokens are known (a prediction's own box). */
  page: number | null;
  box: Box | null;
  /** What the model predicted for this entry, if anything. */
  predicted: { value: string; normalized: string | null; confidence: number } | null;
  /** Changed by the reviewer in this session. */
  edited: boolean;
  /** Checked by the reviewer (accepted as it is, or after a correction). */
  accepted: boolean;
  /** Marked "not in this document" by the reviewer: sent in the review's `absent`. */
  absent: boolean;
}

export interface Draft {
  category: string | null;
  entries: FieldEntry[];
  selectedKey: string | null;
}

/** A word on a page, with its box as a 4-tuple and its page index. */
export interface PositionedToken {
  id: string;
  text: string;
  box: Box;
  confidence: number;
  line: number;
  page: number;
}

export interface ViewPage {
  index: number;
  width: number;
  height: number;
  tokens: PositionedToken[];
}

export type TokenIndex = Map<string, PositionedToken>;

const toBox = (b: readonly number[]): Box => [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0];

/** The layout as the viewer draws it (boxes normalized 0–1, origin top-left). */
export function toViewPages(layout: Layout): ViewPage[] {
  return layout.pages.map((page) => ({
    index: page.index,
    width: page.width,
    height: page.height,
    tokens: page.tokens.map((t) => ({ ...t, box: toBox(t.box), page: page.index })),
  }));
}

export function indexTokens(pages: readonly ViewPage[]): TokenIndex {
  const index: TokenIndex = new Map();
  for (const page of pages) for (const token of page.tokens) index.set(token.id, token);
  return index;
}

/** Reading order: page, then line, then left to right. */
export function compareReadingOrder(a: PositionedToken, b: PositionedToken): number {
  return a.page - b.page || a.line - b.line || a.box[0] - b.box[0];
}

/** Token ids sorted in reading order (unknown ids dropped). */
export function sortTokenIds(ids: readonly string[], tokens: TokenIndex): string[] {
  return [...new Set(ids)]
    .map((id) => tokens.get(id))
    .filter((t): t is PositionedToken => t !== undefined)
    .sort(compareReadingOrder)
    .map((t) => t.id);
}

/** The value that a set of tokens spells: their text in reading order. */
export function valueFromTokens(ids: readonly string[], tokens: TokenIndex): string {
  return sortTokenIds(ids, tokens)
    .map((id) => tokens.get(id)!.text)
    .join(" ")
    .trim();
}

const spelling = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * After the reviewer types, the tokens stay linked only while they still spell the value (a fixed
 * space or separator); otherwise the link is dropped and the API aligns the typed value itself.
 */
export function tokensStillSpell(value: string, ids: readonly string[], tokens: TokenIndex) {
  return ids.length > 0 && spelling(value) === spelling(valueFromTokens(ids, tokens));
}

/** Where an entry sits on the page: its tokens' union box, else its own box. */
export function entryLocation(
  entry: FieldEntry,
  tokens: TokenIndex,
): { page: number; box: Box } | null {
  const found = entry.tokenIds.map((id) => tokens.get(id)).filter((t) => t !== undefined);
  if (found.length > 0) {
    const page = found[0]!.page;
    const onPage = found.filter((t) => t.page === page);
    let [x0, y0, x1, y1] = onPage[0]!.box;
    for (const t of onPage) {
      x0 = Math.min(x0, t.box[0]);
      y0 = Math.min(y0, t.box[1]);
      x1 = Math.max(x1, t.box[2]);
      y1 = Math.max(y1, t.box[3]);
    }
    return { page, box: [x0, y0, x1, y1] };
  }
  if (entry.box && entry.page !== null) return { page: entry.page, box: entry.box };
  return null;
}

export function findCategoryDefinition(
  schema: LabelSchema,
  name: string | null,
): CategoryDefinition | undefined {
  return name ? schema.categories.find((c) => c.name === name) : undefined;
}

function emptyEntry(name: string, n: number): FieldEntry {
  return {
    key: `${name}#${n}`,
    name,
    value: "",
    tokenIds: [],
    page: null,
    box: null,
    predicted: null,
    edited: false,
    accepted: false,
    absent: false,
  };
}

/**
 * Entries for a category, in the schema's field order: the given values where there are some,
 * one empty entry per field without a value. Values of fields the category lacks are dropped.
 */
export function entriesForCategory(
  category: CategoryDefinition | undefined,
  values: readonly FieldEntry[],
): FieldEntry[] {
  if (!category) return [];
  const entries: FieldEntry[] = [];
  for (const field of category.fields) {
    const mine = values.filter((v) => v.name === field.name);
    const kept = field.type === "list" ? mine : mine.slice(0, 1);
    if (kept.length === 0) entries.push(emptyEntry(field.name, 0));
    for (const [n, v] of kept.entries()) entries.push({ ...v, key: `${field.name}#${n}` });
  }
  return entries;
}

/**
 * The starting draft of a document: its latest review when there is one (the reviewer continues
 * from it), else the models' predictions.
 */
export function initialDraft(doc: DocumentView, schema: LabelSchema): Draft {
  const predictedCategory = doc.category?.name ?? null;
  const category =
    doc.review?.category ??
    predictedCategory ??
    (schema.categories.length === 1 ? schema.categories[0]!.name : null);
  const predictions = doc.fields.map(
    (f, i): FieldEntry => ({
      key: `p${i}`,
      name: f.name,
      value: f.value,
      tokenIds: f.tokenIds,
      page: f.page,
      box: f.box ? toBox(f.box) : null,
      predicted: { value: f.value, normalized: f.normalized, confidence: f.confidence },
      edited: false,
      accepted: false,
      absent: false,
    }),
  );
  let values = predictions;
  if (doc.review) {
    values = doc.review.fields.map((f, i): FieldEntry => {
      const prediction = predictions.find((p) => p.name === f.name);
      return {
        key: `r${i}`,
        name: f.name,
        value: f.value,
        tokenIds: f.tokenIds,
        page: f.page,
        box: f.box ? toBox(f.box) : null,
        predicted: prediction?.predicted ?? null,
        edited: false,
        accepted: doc.review?.complete ?? false,
        absent: false,
      };
    });
  }
  const absent = new Set(doc.review?.absent ?? []);
  const entries = entriesForCategory(findCategoryDefinition(schema, category), values).map((e) =>
    absent.has(e.name) && e.value.trim() === "" ? { ...e, absent: true } : e,
  );
  return { category, entries, selectedKey: entries[0]?.key ?? null };
}

/**
 * The `PUT …/review` body: every non-empty entry, with its tokens when it has them, and the
 * fields marked "not in this document" as `absent`.
 */
export function reviewBody(draft: Draft): ReviewInput {
  const given = draft.entries.filter((e) => !e.absent && e.value.trim() !== "");
  const absent = [...new Set(draft.entries.filter((e) => e.absent).map((e) => e.name))].filter(
    (name) => !given.some((e) => e.name === name),
  );
  return {
    ...(draft.category ? { category: draft.category } : {}),
    fields: given.map((e) => ({
      name: e.name,
      value: e.value.trim(),
      ...(e.tokenIds.length > 0 ? { tokenIds: e.tokenIds } : {}),
    })),
    ...(absent.length > 0 ? { absent } : {}),
    complete: true,
  };
}

/** The reviewer has looked at an entry: accepted it, changed it, or marked it absent. */
export function isChecked(entry: FieldEntry): boolean {
  return entry.accepted || entry.edited || entry.absent;
}

/**
 * What stops a review from being complete, by field name: required fields with no value and no
 * "not in this document" mark (`missing`), and values nobody has looked at yet (`unchecked`:
 * predictions or an earlier draft's values, neither accepted nor changed). The API enforces the
 * first itself (422 `incomplete_review`); the second only the reviewer can know.
 */
export function reviewProblems(
  draft: Draft,
  category: CategoryDefinition | undefined,
): { missing: string[]; unchecked: string[] } {
  if (!category) return { missing: [], unchecked: [] };
  const missing = category.fields
    .filter((f) => f.required)
    .map((f) => f.name)
    .filter((name) => {
      const entries = draft.entries.filter((e) => e.name === name);
      return !entries.some((e) => e.absent || e.value.trim() !== "");
    });
  const unchecked = [
    ...new Set(
      draft.entries.filter((e) => e.value.trim() !== "" && !isChecked(e)).map((e) => e.name),
    ),
  ];
  return { missing, unchecked };
}

/**
 * Whether an entry's value differs from what the model predicted, compared the way the API
 * judges verdicts (normalized dates and amounts, texts without case, spacing, punctuation).
 */
export function isCorrection(
  entry: FieldEntry,
  category: CategoryDefinition | undefined,
  hints: NormalizeHints = {},
): boolean {
  if (!entry.predicted || entry.value.trim() === "") return false;
  const def = category?.fields.find((f) => f.name === entry.name);
  if (!def) return entry.value.trim() !== entry.predicted.value.trim();
  return (
    comparisonKey(def, entry.value, hints) !== comparisonKey(def, entry.predicted.value, hints)
  );
}

/** Distinct, print-safe hues; field i of the schema always gets colour i. */
const PALETTE = [
  "#2f6fde",
  "#d9480f",
  "#2b8a3e",
  "#ae3ec9",
  "#c2255c",
  "#0b7285",
  "#e67700",
  "#5f3dc4",
  "#5c940d",
  "#1864ab",
  "#a61e4d",
  "#087f5b",
  "#862e9c",
];

export function fieldColour(schema: LabelSchema, category: string | null, name: string): string {
  const fields = findCategoryDefinition(schema, category)?.fields ?? [];
  const i = Math.max(
    0,
    fields.findIndex((f) => f.name === name),
  );
  return PALETTE[i % PALETTE.length]!;
}
