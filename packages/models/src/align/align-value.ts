import type { FieldType, Layout } from "@pagewise/core";
import { buildDocumentView, type DocumentView } from "../layout/document-view";
import { findAmounts } from "../normalize/amount";
import { normalizeCurrency } from "../normalize/currency";
import type { NormalizeHints } from "../normalize/hints";
import { inferLocaleHints } from "../normalize/infer-locale-hints";
import { isAddressField, normalizeValue } from "../normalize/normalize-value";
import { stripCountryCode, textKey } from "../normalize/text";
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
  /** [start, end) in reading order (`DocumentView.tokens`). */
  start: number;
  end: number;
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

function spanOf(view: DocumentView, start: number, end: number, score: number): AlignedSpan {
  const tokens = view.tokens.slice(start, end);
  return {
    tokenIds: tokens.map((t) => t.token.id),
    text: tokens.map((t) => t.token.text).join(" "),
    score,
    page: tokens[0]!.page,
    start,
    end,
  };
}

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
    out.push(spanOf(view, start, end, score));
  }
  return out;
}

interface PageKeys {
  /** The page's tokens' keys concatenated, and which token (reading order) each character is from. */
  text: string;
  owner: Int32Array;
  startOf: Map<number, number>;
  keys: Map<number, string>;
}

// Keys of a view's pages, built once per view (a contract has several values to align).
const pageKeysCache = new WeakMap<DocumentView, PageKeys[]>();

function pageKeys(view: DocumentView): PageKeys[] {
  let pages = pageKeysCache.get(view);
  if (!pages) {
    pages = view.pageLines.map(([firstLine, endLine]) => {
      const keys = new Map<number, string>();
      const startOf = new Map<number, number>();
      const owner: number[] = [];
      let text = "";
      for (let l = firstLine; l < endLine; l++) {
        for (const order of view.lines[l]!.tokens) {
          const key = textKey(view.tokens[order]!.token.text);
          startOf.set(order, text.length);
          keys.set(order, key);
          text += key;
          for (let k = 0; k < key.length; k++) owner.push(order);
        }
      }
      return { text, owner: Int32Array.from(owner), startOf, keys };
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
      // Characters of partly covered tokens at the edges count as half an error each.
      const extra =
        match.start -
        page.startOf.get(first)! +
        (page.startOf.get(last)! + page.keys.get(last)!.length - match.end);
      const score = 1 - (match.distance + 0.5 * extra) / valueKey.length;
      if (score >= minScore) out.push(spanOf(view, first, last + 1, score));
    }
  }
  return out;
}

function pickOccurrences(spans: AlignedSpan[], tolerance: number, max: number): AlignedSpan[] {
  spans.sort(
    (a, b) => b.score - a.score || a.end - a.start - (b.end - b.start) || a.start - b.start,
  );
  const best = spans[0]?.score ?? 0;
  const out: AlignedSpan[] = [];
  for (const span of spans) {
    if (out.length >= max || span.score < best - tolerance) break;
    if (out.some((o) => span.start < o.end && o.start < span.end)) continue;
    out.push(span);
  }
  return out;
}

export { editDistance };
