import { type FieldDefinition, isAddressField } from "@pagewise/core";
import { ORG_SUFFIX } from "../features/token-patterns";
import type { DocumentView } from "../layout/document-view";
import { ALIGNED, lineSegments } from "../layout/line-segments";
import type { Span } from "./text-spans";

/**
 * Span completion: the model finds where a value is, the page's structure says where it ends.
 * On a supplier never trained on, the model is sure of the words every supplier shares ("GmbH",
 * a postcode) and unsure of the supplier's own ("Lieferant", "Lieferantenstraße"): the span it
 * returns is a fragment of the value. Completion makes the fragment whole from layout alone,
 * with nothing learnt from any one supplier:
 *
 * - **addresses** (`isAddressField`): a span touching an address block takes the whole block —
 *   the postcode-and-city line and the street lines above it that align with it (or the street
 *   before it on the same line, between separators: "Ecke 12 ● 12345 Stadthausen"); words the
 *   span ran on into below the block are dropped, except a country right under it;
 * - **names** (other single-valued text fields): a span inside a short form cell grows over
 *   the cell's neighbouring words the model does not rule out ("GmbH" → "Lieferant GmbH" in
 *   "Name: Lieferant GmbH"), never over the cell's label; it loses label words and the words of
 *   an address block it ran into, and a span of label words only is dropped; a legal name ends
 *   in the cell of its legal form ("Coolblue B.V." without "FACTUUR." beside it);
 * - **ids**: a span that runs over two lines or cells keeps its likeliest part
 *   ("DE123456789 GE2020211" → "DE123456789").
 *
 * It only ever changes which tokens a span has, so confidence stays the model's.
 */
export function completeSpan(
  view: DocumentView,
  span: Span,
  field: FieldDefinition,
  p: (i: number) => number,
  /** Rules added after `completeSpans` shipped: off for models trained before them. */
  rules: { legalNameCells: boolean } = { legalNameCells: true },
): Span {
  if (span.tokens.length === 0) return span;
  if (field.type === "id") return likeliestPart(view, span, p);
  if (field.type !== "text") return span;
  if (isAddressField(field.name)) return wholeAddress(view, span);
  return wholeName(view, span, p, rules.legalNameCells);
}

/** Tokens that separate the parts of a one-line address ("Ecke 12 ● 12345 Stadthausen"). */
const SEPARATOR = /^[●•·|]$/;
/** A postcode: 4–5 digits, optionally behind a country letter ("D-80333"). */
const POSTCODE = /^(?:[A-Z]{1,2}-)?\d{4,5}$/;
/**
 * A name grows over a cell's word whose probability reaches this: low, so that the supplier's
 * own words join, yet above what the model gives words it has learnt are not names. Set by
 * hand, not tuned.
 */
export const NAME_GROW_FLOOR = 0.02;
/** A cell longer than this is running text, not a name. */
const MAX_NAME_TOKENS = 6;
/** Street lines (house number, "Hof 3") an address block may have above its postcode line. */
const MAX_STREET_LINES = 2;

/** The value part of a form cell: a segment cut at separators, without its label ("Name:"). */
interface Part {
  line: number;
  x0: number;
  tokens: number[];
}

function valueParts(view: DocumentView, line: number): Part[] {
  const out: Part[] = [];
  for (const segment of lineSegments(view, line)) {
    let run: number[] = [];
    const flush = () => {
      // A label ends with a colon; the value is what follows the last one ("Nummer : 75969813").
      let start = 0;
      run.forEach((order, k) => {
        if (k < run.length - 1 && view.tokens[order]!.token.text.endsWith(":")) start = k + 1;
      });
      const tokens = run.slice(start);
      if (tokens.length > 0) out.push({ line, x0: view.tokens[tokens[0]!]!.token.box[0], tokens });
      run = [];
    };
    for (const order of segment.tokens) {
      if (SEPARATOR.test(view.tokens[order]!.token.text)) flush();
      else run.push(order);
    }
    flush();
  }
  return out;
}

const partsCache = new WeakMap<DocumentView, Part[][]>();

/** Every line's value parts, computed once per document view. */
function partsOf(view: DocumentView): Part[][] {
  let parts = partsCache.get(view);
  if (!parts) {
    parts = view.lines.map((_, l) => valueParts(view, l));
    partsCache.set(view, parts);
  }
  return parts;
}

/** The value part a token is in (undefined: a label or separator). */
function partOf(view: DocumentView, order: number): Part | undefined {
  return partsOf(view)[view.tokens[order]!.line]!.find((q) => q.tokens.includes(order));
}

/** A span's tokens grouped by the value part each is in, in span order. */
function tokensByPart(
  view: DocumentView,
  tokens: readonly number[],
): Map<Part | undefined, number[]> {
  const groups = new Map<Part | undefined, number[]>();
  for (const o of tokens) {
    const part = partOf(view, o);
    const list = groups.get(part);
    if (list) list.push(o);
    else groups.set(part, [o]);
  }
  return groups;
}

const hasDigit = (view: DocumentView, order: number) => /\d/.test(view.tokens[order]!.token.text);
const isPostcode = (view: DocumentView, order: number) =>
  POSTCODE.test(view.tokens[order]!.token.text.replace(/[,.]$/, ""));

const addressCache = new WeakMap<DocumentView, number[][]>();

/**
 * The document's address blocks: a part holding a postcode followed by a word (the city), with
 * the street before it on the same line (after a separator) or the aligned street lines above.
 */
export function addressBlocks(view: DocumentView): number[][] {
  const cached = addressCache.get(view);
  if (cached) return cached;
  const parts = partsOf(view);
  const blocks: number[][] = [];
  for (const lineParts of parts) {
    lineParts.forEach((part, k) => {
      const at = part.tokens.findIndex(
        (o, i) =>
          isPostcode(view, o) &&
          i + 1 < part.tokens.length &&
          /\p{L}/u.test(view.tokens[part.tokens[i + 1]!]!.token.text),
      );
      if (at < 0) return;
      const block = [...part.tokens];
      const before = lineParts[k - 1];
      if (
        at === 0 &&
        before &&
        before.tokens.length <= 4 &&
        before.tokens.some((o) => hasDigit(view, o))
      )
        block.unshift(...before.tokens);
      else if (at === 0 || (at <= 1 && /^[A-Z]{2}$/.test(view.tokens[part.tokens[0]!]!.token.text)))
        block.unshift(...streetLinesAbove(view, parts, part));
      blocks.push(block.sort((a, b) => a - b));
    });
  }
  addressCache.set(view, blocks);
  return blocks;
}

const addressTokenCache = new WeakMap<DocumentView, Set<number>>();

/** Every token of the document's address blocks, computed once per document view. */
function addressTokens(view: DocumentView): Set<number> {
  let tokens = addressTokenCache.get(view);
  if (!tokens) {
    tokens = new Set(addressBlocks(view).flat());
    addressTokenCache.set(view, tokens);
  }
  return tokens;
}

/** Aligned lines with a house number above a postcode line, up to `MAX_STREET_LINES`. */
function streetLinesAbove(view: DocumentView, parts: Part[][], postcode: Part): number[] {
  const out: number[] = [];
  const page = view.lines[postcode.line]!.page;
  const x1 = view.tokens[postcode.tokens[postcode.tokens.length - 1]!]!.token.box[2];
  let taken = 0;
  // Two-column letterheads interleave lines: a line with nothing over the block is skipped.
  for (let l = postcode.line - 1; l >= 0 && l >= postcode.line - 3; l--) {
    if (view.lines[l]!.page !== page) break;
    const aligned = parts[l]!.find((p) => Math.abs(p.x0 - postcode.x0) < ALIGNED);
    if (
      aligned &&
      aligned.tokens.length <= 5 &&
      aligned.tokens.some((o) => hasDigit(view, o)) &&
      !aligned.tokens.some((o) => isPostcode(view, o))
    ) {
      out.unshift(...aligned.tokens);
      if (++taken >= MAX_STREET_LINES) break;
      continue;
    }
    const over = parts[l]!.some((p) => {
      const right = view.tokens[p.tokens[p.tokens.length - 1]!]!.token.box[2];
      return p.x0 < x1 && right > postcode.x0;
    });
    if (over) break;
  }
  return out;
}

function wholeAddress(view: DocumentView, span: Span): Span {
  const inSpan = new Set(span.tokens);
  let best: number[] | undefined;
  let bestOverlap = 0;
  for (const block of addressBlocks(view)) {
    const overlap = block.filter((o) => inSpan.has(o)).length;
    if (overlap > bestOverlap) {
      best = block;
      bestOverlap = overlap;
    }
  }
  if (!best) return span;
  // An address ends with its postcode line, or a country right below it: words the span ran on
  // into below that ("Bemerkungen", the next block's heading) are not part of it.
  const lineOf = (o: number) => view.tokens[o]!.line;
  const lastLine = Math.max(...best.map(lineOf));
  const kept = span.tokens.filter(
    (o) =>
      lineOf(o) <= lastLine ||
      (lineOf(o) === lastLine + 1 && COUNTRY.test(view.tokens[o]!.token.text.replace(/[,.]$/, ""))),
  );
  const tokens = [...new Set([...kept, ...best])].sort((a, b) => a - b);
  return sameTokens(tokens, span.tokens) ? span : { ...span, tokens };
}

/** A country printed under an address: an ISO code or a common country name. */
const COUNTRY =
  /^(?:[A-Z]{2,3}|Deutschland|Germany|France|Österreich|Austria|Schweiz|Suisse|Switzerland|Nederland|Netherlands|Belgique|België|Belgium|Italia|Italy|España|Spain|Luxembourg|Polska|Danmark|Sverige|Malaysia|Singapore|India)$/;

function wholeName(
  view: DocumentView,
  span: Span,
  p: (i: number) => number,
  legalNameCells: boolean,
): Span {
  // A name is not a label: label words ("Globale Nummer:", in no value part) leave the span, and
  // a span of label words only is no name at all (the candidate is dropped).
  let tokens = span.tokens.filter((o) => partOf(view, o) !== undefined);
  if (tokens.length === 0) return { ...span, tokens: [] };
  // A name ends where an address begins ("Lieferant GmbH" / "Lieferantenstraße 20" below it).
  const address = addressTokens(view);
  const outside = tokens.filter((o) => !address.has(o));
  if (outside.length > 0) tokens = outside;
  // A span that ran on from an id in the cell above ("Nummer: GE2020211" / "Name: Kunden AG
  // Mitte") loses the id: a name has no cell made of numbered tokens only.
  const numbered = (o: number) => /\d/.test(view.tokens[o]!.token.text);
  const byPart = tokensByPart(view, tokens);
  if (byPart.size > 1) {
    const kept = [...byPart.values()].filter((list) => !list.every(numbered)).flat();
    if (kept.length > 0) tokens = kept;
  }
  if (legalNameCells) tokens = legalCells(view, tokens);
  const part = partOf(view, tokens[0]!);
  if (
    !part ||
    part.tokens.length > MAX_NAME_TOKENS ||
    !tokens.every((o) => part.tokens.includes(o))
  )
    return sameTokens(tokens, span.tokens) ? span : { ...span, tokens };
  let first = part.tokens.indexOf(tokens[0]!);
  let last = part.tokens.indexOf(tokens[tokens.length - 1]!);
  // A legal name ends in its legal form: the words before "GmbH" in its cell are the name.
  const legalForm = tokens.some((o) => ORG_SUFFIX.test(view.tokens[o]!.token.text));
  // Never over a date or number: "Rechnung vom 29.10.2018" is not part of a name.
  const joins = (o: number) => !numbered(o) && (legalForm || p(o) >= NAME_GROW_FLOOR);
  while (first > 0 && joins(part.tokens[first - 1]!)) first--;
  while (
    last < part.tokens.length - 1 &&
    !numbered(part.tokens[last + 1]!) &&
    p(part.tokens[last + 1]!) >= NAME_GROW_FLOOR
  )
    last++;
  const grown = part.tokens.slice(first, last + 1);
  return sameTokens(grown, span.tokens) ? span : { ...span, tokens: grown };
}

/**
 * A legal name ends in its legal form: of a span over several cells, the cells after the one
 * holding "GmbH" or "B.V." are not part of it ("Coolblue B.V." / "FACTUUR." beside it, "Lieferant
 * GmbH" / "Max" on the next line), and neither is a heading alone on its line above it
 * ("Rechnungsersteller" / "Lieferant GmbH"). The cells of a name wrapped over two lines stay
 * ("POPULAR BOOK CO." / "(M) SDN BHD").
 */
function legalCells(view: DocumentView, tokens: number[]): number[] {
  const cells = [...tokensByPart(view, tokens).entries()];
  if (cells.length < 2) return tokens;
  // The last cell with a legal form: "AIK HUAT … SDN" / "BHD" wraps one name over two lines.
  const legal = cells.findLastIndex(([, list]) =>
    list.some((o) => ORG_SUFFIX.test(view.tokens[o]!.token.text)),
  );
  if (legal < 0) return tokens;
  const heading = ([part, list]: (typeof cells)[number]) =>
    part !== undefined &&
    list.length === 1 &&
    part.tokens.length === 1 &&
    view.lines[part.line]!.tokens.length === 1;
  const kept = cells.slice(0, legal + 1).filter((cell, k) => k === legal || !heading(cell));
  return kept.flatMap(([, list]) => list);
}

const sameTokens = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((o, i) => o === b[i]);

function likeliestPart(view: DocumentView, span: Span, p: (i: number) => number): Span {
  const groups = tokensByPart(view, span.tokens);
  if (groups.size < 2) return span;
  let best = span;
  let bestScore = -1;
  for (const tokens of groups.values()) {
    const score = tokens.reduce((sum, o) => sum + p(o), 0) / tokens.length;
    if (score > bestScore) {
      best = { tokens, score };
      bestScore = score;
    }
  }
  return best;
}
