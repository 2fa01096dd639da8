import type { FieldType, Layout, NormalizeHints } from "@pagewise/core";
import {
  findAmounts,
  inferLocaleHints,
  isAddressField,
  normalizeCurrency,
  normalizeValue,
  stripCountryCode,
  textKey,
} from "@pagewise/core";
import { columnOrder } from "../layout/column-order";
import { buildDocumentView, type DocumentView } from "../layout/document-view";
import { approximateMatches, editDistance } from "./approximate-match";
import { typedCandidates } from "./typed-candidates";

/** Where a value was found: a run of tokens in reading order (possibly over several lines). */
export interface AlignedSpan {
  tokenIds: string[];
  /** The tokens' text joined with spaces. */
  text: string;
  /** 1 = exact (after normalization); lower = fuzzy. */
  score: number;
  page: number;
  /** Positions of the tokens in reading order (`DocumentView.tokens`), ascending. */
  orders: number[];
}

export interface AlignOptions {
  /** Lowest similarity accepted for a fuzzy text match (default 0.8). */
  minScore?: number;
  /** Locale evidence; inferred from the layout when absent. */
  hints?: NormalizeHints;
  /** Field name: address fields ignore a country code the page does not print. */
  fieldName?: string;
  /** Also keep other occurrences scoring within this much of the best (default 0.05). */
  tolerance?: number;
  /** At most this many occurrences (default 20). */
  maxOccurrences?: number;
}

/**
 * The tokens of `layout` that best carry `value`, or null when nothing matches well enough.
 * Dates, amounts, currencies and terms match by normalized value (`"25/12/2018"` finds
 * `"2018-12-25"`), texts and ids by fuzzy matching that ignores case, spacing and punctuation and
 * tolerates OCR errors, across token and line boundaries. The platform calls this when a reviewer
 * types a value without pointing at tokens; training calls it for value-only ground truth.
 *
 * @example alignValue(layout, "BOOK TA .K (TAMAN DAYA) SDN BHD", "text")?.tokenIds // ["0:3", …]
 */
export function alignValue(
  layout: Layout | DocumentView,
  value: string,
  type: FieldType,
  options: AlignOptions = {},
): AlignedSpan | null {
  return alignOccurrences(layout, value, type, { ...options, maxOccurrences: 1 })[0] ?? null;
}

/** Every good occurrence of `value` (best first): repeated totals, names, dates all count. */
export function alignOccurrences(
  layout: Layout | DocumentView,
  value: string,
  type: FieldType,
  options: AlignOptions = {},
): AlignedSpan[] {
  const view = "tokens" in layout ? layout : buildDocumentView(layout);
  const hints = options.hints ?? inferLocaleHints(view.layout);
  const minScore = options.minScore ?? 0.8;
  let spans: AlignedSpan[] = [];
  if (type === "date" || type === "amount" || type === "currency" || type === "term") {
    const target = normalizeValue(type, value, hints);
    if (target !== null) spans = typedMatches(view, type, target, hints);
  }
  if (spans.length === 0) {
    let text = value;
    if (options.fieldName && isAddressField(options.fieldName)) text = stripCountryCode(text);
    spans = textMatches(view, textKey(text), minScore);
  }
  return pickOccurrences(spans, options.tolerance ?? 0.05, options.maxOccurrences ?? 20);
}

function spanOf(view: DocumentView, orders: number[], score: number): AlignedSpan {
  const tokens = orders.map((o) => view.tokens[o]!);
  return {
    tokenIds: tokens.map((t) => t.token.id),
    text: tokens.map((t) => t.token.text).join(" "),
    score,
    page: tokens[0]!.page,
    orders,
  };
}

const range = (start: number, end: number) =>
  Array.from({ length: end - start }, (_, i) => start + i);

function typedMatches(
  view: DocumentView,
  type: FieldType,
  target: string,
  hints: NormalizeHints,
): AlignedSpan[] {
  const out: AlignedSpan[] = [];
  for (const { start, end, text } of typedCandidates(view, type, hints)) {
    let score = 1;
    if (type === "amount") {
      const amount = findAmounts(text, hints).find((a) => a.value === target);
      if (!amount) continue;
      // A total written "15" is likelier a quantity than the total "15.00".
      if (!amount.hasDecimals) score = 0.9;
    } else if (type === "currency") {
      if (normalizeCurrency(text) !== target) continue;
      // A code printed as a word ("EUR") beats a symbol glued to every price ("12,00 €").
      if (!/^[A-Za-z]{3}$/.test(text.trim())) score = 0.95;
    } else if (normalizeValue(type, text, hints) !== target) continue;
    out.push(spanOf(view, range(start, end), score));
  }
  return out;
}

interface PageKeys {
  /** Token positions (reading order) in the order their keys are concatenated. */
  sequence: number[];
  /** The concatenated keys, and the index in `sequence` each character comes from. */
  text: string;
  owner: Int32Array;
  /** Where each `sequence` entry's key starts in `text`. */
  starts: Int32Array;
}

// Keys of a view's pages, in reading order and (where it differs) column order, built once per
// view: a document has several values to align.
const pageKeysCache = new WeakMap<DocumentView, PageKeys[]>();

function keysOf(view: DocumentView, sequence: number[]): PageKeys {
  const owner: number[] = [];
  const starts = new Int32Array(sequence.length);
  let text = "";
  sequence.forEach((order, k) => {
    const key = textKey(view.tokens[order]!.token.text);
    starts[k] = text.length;
    text += key;
    for (let c = 0; c < key.length; c++) owner.push(k);
  });
  return { sequence, text, owner: Int32Array.from(owner), starts };
}

function pageKeys(view: DocumentView): PageKeys[] {
  let pages = pageKeysCache.get(view);
  if (!pages) {
    pages = view.pageLines.flatMap(([firstLine, endLine], page) => {
      const reading: number[] = [];
      for (let l = firstLine; l < endLine; l++) reading.push(...view.lines[l]!.tokens);
      const columns = columnOrder(view, page);
      const same = columns.every((o, i) => o === reading[i]);
      return same ? [keysOf(view, reading)] : [keysOf(view, reading), keysOf(view, columns)];
    });
    pageKeysCache.set(view, pages);
  }
  return pages;
}

function textMatches(view: DocumentView, valueKey: string, minScore: number): AlignedSpan[] {
  if (valueKey.length === 0) return [];
  const maxDistance = valueKey.length < 5 ? 0 : Math.floor(valueKey.length * (1 - minScore));
  const out: AlignedSpan[] = [];
  for (const page of pageKeys(view)) {
    const exact = approximateMatches(valueKey, page.text, 0);
    const matches = exact.length > 0 ? exact : approximateMatches(valueKey, page.text, maxDistance);
    for (const match of matches) {
      const first = page.owner[match.start]!;
      const last = page.owner[match.end - 1]!;
      const lastEnd = last + 1 < page.sequence.length ? page.starts[last + 1]! : page.text.length;
      // Characters of partly covered tokens at the edges count as half an error each.
      const extra = match.start - page.starts[first]! + (lastEnd - match.end);
      const score = 1 - (match.distance + 0.5 * extra) / valueKey.length;
      if (score < minScore) continue;
      const orders = page.sequence.slice(first, last + 1).sort((a, b) => a - b);
      out.push(spanOf(view, orders, score));
    }
  }
  return out;
}

function pickOccurrences(spans: AlignedSpan[], tolerance: number, max: number): AlignedSpan[] {
  spans.sort(
    (a, b) => b.score - a.score || a.orders.length - b.orders.length || a.orders[0]! - b.orders[0]!,
  );
  const best = spans[0]?.score ?? 0;
  const out: AlignedSpan[] = [];
  for (const span of spans) {
    if (out.length >= max || span.score < best - tolerance) break;
    if (out.some((o) => o.orders.some((x) => span.orders.includes(x)))) continue;
    out.push(span);
  }
  return out;
}

export { editDistance };
