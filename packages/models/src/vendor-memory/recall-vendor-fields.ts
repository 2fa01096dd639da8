import {
  type Box,
  type CategoryDefinition,
  comparisonKey,
  type ExtractedField,
  type FieldDefinition,
  inferLocaleHints,
  type Layout,
  type NormalizeHints,
  normalizeValue,
  type RememberedField,
  textKey,
  unionBox,
  type VendorObservation,
} from "@pagewise/core";
import { buildDocumentView, type DocumentView, type ViewToken } from "../layout/document-view";
import { NAME_FIELDS } from "./identify-vendor";

/** A found span farther than this from where it was expected (sum of box edges) is no answer. */
const MAX_DISTANCE = 0.12;
/** The page-relative fallback answers only when no anchor placed the value. */
const FALLBACK_PENALTY = 0.02;
const MAX_ANCHOR_TOKENS = 5;
/** Share of an observation's anchor phrases a document must print to be the same template. */
const MIN_ANCHOR_SHARE = 0.5;
/**
 * The same-template test by geometry: an anchor phrase printed within this distance (page
 * fractions, |dx| + |dy| of the top-left corner) of its remembered place, after the page's shift,
 * sits where the template put it. An observation answers only if at least `MIN_TEMPLATE_FIT` of
 * its anchor phrases do, and not more than `TEMPLATE_FIT_MARGIN` below the best-fitting
 * observation of the vendor. Chosen on the ZUGFeRD vendors other than the two of
 * bench/new-supplier-curve.ts (one review answering each later invoice): answers of observations
 * below 0.25 were right 21–43 % of the time, above it ~90 % (docs/vendor-memory.md).
 */
const ANCHOR_FIT = 0.03;
const MIN_TEMPLATE_FIT = 0.25;
const TEMPLATE_FIT_MARGIN = 0.25;

/**
 * The median displacement of an observation's anchor phrases (each at its nearest hit on the
 * same page).
 */
function pageShift(anchors: AnchorIndex, o: VendorObservation): [number, number] {
  const dxs: number[] = [];
  const dys: number[] = [];
  for (const f of o.fields) {
    if (!f.anchor) continue;
    const a = f.anchor;
    let best: [number, number] | undefined;
    for (const hit of anchors.find(a.key)) {
      if (hit.pageIndex !== f.page) continue;
      const d: [number, number] = [hit.box[0] - a.box[0], hit.box[1] - a.box[1]];
      if (!best || Math.abs(d[0]) + Math.abs(d[1]) < Math.abs(best[0]) + Math.abs(best[1])) {
        best = d;
      }
    }
    if (best) {
      dxs.push(best[0]);
      dys.push(best[1]);
    }
  }
  return [median(dxs), median(dys)];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Share of an observation's anchor phrases printed where its template put them: on the same page,
 * at the same place after the page's shift. A vendor's other template may print the same labels
 * elsewhere; a document of the same template moves only some of them (a longer table pushes the
 * totals down).
 */
function templateFit(
  anchors: AnchorIndex,
  o: VendorObservation,
  [sx, sy]: [number, number],
): number {
  const distinct = new Map<string, { key: string; page: number; box: Box }>();
  for (const f of o.fields) {
    if (!f.anchor) continue;
    const { key, box } = f.anchor;
    distinct.set(`${f.page}:${key}:${box.join()}`, { key, page: f.page, box });
  }
  if (distinct.size === 0) return 0;
  let fits = 0;
  for (const a of distinct.values()) {
    const inPlace = anchors
      .find(a.key)
      .some(
        (hit) =>
          hit.pageIndex === a.page &&
          Math.abs(hit.box[0] - a.box[0] - sx) + Math.abs(hit.box[1] - a.box[1] - sy) <= ANCHOR_FIT,
      );
    if (inPlace) fits++;
  }
  return fits / distinct.size;
}

function anchorShare(anchors: AnchorIndex, o: VendorObservation): number {
  const keys = [...new Set(o.fields.flatMap((f) => (f.anchor ? [f.anchor.key] : [])))];
  if (keys.length === 0) return 1;
  return keys.filter((k) => anchors.find(k).length > 0).length / keys.length;
}

/**
 * The observations (of one vendor) made on this page's template, each with how far this page
 * sits from the one it was made on (printers shift whole pages a little). A vendor may send several
 * templates: an observation whose anchor phrases are mostly not on this document, or are printed
 * elsewhere on it, was another template, and its places say nothing here (the same labels in
 * other places gave wrong answers).
 */
function templateMatches(
  anchors: AnchorIndex,
  category: CategoryDefinition,
  observations: readonly VendorObservation[],
  options: RecallOptions,
): Map<VendorObservation, [number, number]> {
  const printed = observations.filter(
    (o) => o.category === category.name && anchorShare(anchors, o) >= MIN_ANCHOR_SHARE,
  );
  const shifts = new Map(printed.map((o) => [o, pageShift(anchors, o)]));
  if (options.templateGeometry === false) return shifts;
  const fits = new Map(printed.map((o) => [o, templateFit(anchors, o, shifts.get(o)!)]));
  const bestFit = Math.max(0, ...fits.values());
  for (const o of printed) {
    if (fits.get(o)! < Math.max(MIN_TEMPLATE_FIT, bestFit - TEMPLATE_FIT_MARGIN)) shifts.delete(o);
  }
  return shifts;
}

/** Of a vendor's observations, those that would answer on this page: its template's. */
export function sameTemplateObservations(
  layout: Layout,
  category: CategoryDefinition,
  observations: readonly VendorObservation[],
): VendorObservation[] {
  const anchors = new AnchorIndex(buildDocumentView(layout));
  return [...templateMatches(anchors, category, observations, {}).keys()];
}

export interface RecallOptions {
  /**
   * Whether the same-template test also asks the anchors to sit where they did (default true).
   * Off only to measure what it changes (bench/vendor-memory-recall.ts).
   */
  templateGeometry?: boolean;
}

/**
 * The fields a vendor's earlier reviews say where to find: for each remembered field of
 * `category`, every observation (newest first) looks where its value was relative to its anchor
 * phrase (or on the same spot of the page) and reads a value of the field's type there; the value
 * most observations agree on answers, with a confidence that grows with their number.
 */
export function recallVendorFields(
  layout: Layout,
  category: CategoryDefinition,
  observations: readonly VendorObservation[],
  options: RecallOptions = {},
): ExtractedField[] {
  const view = buildDocumentView(layout);
  const hints = inferLocaleHints(layout);
  const anchors = new AnchorIndex(view);
  const shifts = templateMatches(anchors, category, observations, options);
  const sameTemplate = [...shifts.keys()];
  const out: ExtractedField[] = [];
  for (const def of category.fields) {
    // The vendor's own name is known: its field reads that name or nothing (what sits in its
    // place on another layout, a GLN or a slogan, is no vendor name).
    const remembered = sameTemplate.flatMap((o) =>
      o.fields
        .filter((f) => f.name === def.name)
        .map((f) => ({
          field: f,
          shift: shifts.get(o)!,
          name: NAME_FIELDS.includes(def.name) ? (o.vendor.name ?? undefined) : undefined,
        })),
    );
    if (remembered.length === 0) continue;
    const votes = new Map<string, { field: ExtractedField; count: number }>();
    for (const { field: r, shift, name } of remembered) {
      const found = locateRemembered(view, anchors, r, shift, def, hints, name);
      if (!found) continue;
      const key = comparisonKey(def, found.value);
      const vote = votes.get(key);
      if (vote) vote.count++;
      else votes.set(key, { field: found, count: 1 });
    }
    // Insertion order is newest first: a tie goes to the most recent review.
    let best: { field: ExtractedField; count: number } | undefined;
    for (const v of votes.values()) if (!best || v.count > best.count) best = v;
    if (!best) continue;
    out.push({ ...best.field, confidence: memoryConfidence(best.count, remembered.length) });
  }
  return out;
}

/** One agreeing review: 0.7; two: 0.9; three or more: 0.99 — less when other reviews disagree. */
export function memoryConfidence(agree: number, total: number): number {
  const base = Math.min(0.99, 0.5 + 0.2 * agree);
  return Math.round(base * Math.sqrt(agree / Math.max(agree, total)) * 1000) / 1000;
}

/** Where a remembered value should be on this document, and the value read there. */
function locateRemembered(
  view: DocumentView,
  anchors: AnchorIndex,
  r: RememberedField,
  shift: [number, number],
  def: FieldDefinition,
  hints: NormalizeHints,
  /** The `textKey` the value must have (the vendor's name), if known. */
  name?: string,
): ExtractedField | null {
  const places: { page: number; box: Box; exclude: Set<number>; penalty: number }[] = [];
  if (r.anchor) {
    for (const hit of anchors.find(r.anchor.key)) {
      const dx = hit.box[0] - r.anchor.box[0];
      const dy = hit.box[1] - r.anchor.box[1];
      const box: Box = [r.box[0] + dx, r.box[1] + dy, r.box[2] + dx, r.box[3] + dy];
      places.push({ page: hit.page, box, exclude: new Set(hit.orders), penalty: 0 });
    }
  }
  const pageIdx = view.layout.pages.findIndex((p) => p.index === r.page);
  if (pageIdx >= 0) {
    const [dx, dy] = shift;
    const box: Box = [r.box[0] + dx, r.box[1] + dy, r.box[2] + dx, r.box[3] + dy];
    places.push({ page: pageIdx, box, exclude: new Set(), penalty: FALLBACK_PENALTY });
  }
  let best: { tokens: ViewToken[]; value: string; normalized: string; d: number } | null = null;
  for (const place of places) {
    const found = readAt(view, place.page, place.box, place.exclude, r, def, hints, name);
    if (found && found.d + place.penalty < (best?.d ?? Number.POSITIVE_INFINITY)) {
      best = { ...found, d: found.d + place.penalty };
    }
  }
  if (!best || best.d > MAX_DISTANCE) return null;
  return {
    name: def.name,
    value: best.value,
    normalized: best.normalized,
    confidence: 0,
    page: view.layout.pages[best.tokens[0]!.page]!.index,
    box: unionBox(best.tokens.map((t) => t.token.box)),
    tokenIds: best.tokens.map((t) => t.token.id),
    source: "memory",
  };
}

/**
 * The run of tokens around `box` (in reading order, over at most the remembered number of lines)
 * that reads as a value of the field's type and lies closest to `box`.
 */
function readAt(
  view: DocumentView,
  page: number,
  box: Box,
  exclude: Set<number>,
  r: RememberedField,
  def: FieldDefinition,
  hints: NormalizeHints,
  name?: string,
) {
  const lineHeight = (box[3] - box[1]) / r.lineCount;
  const mx = 0.04 + 0.5 * (box[2] - box[0]);
  const my = 0.6 * lineHeight;
  const [first, end] = view.pageLines[page]!;
  const region: ViewToken[] = [];
  for (let l = first; l < end; l++) {
    const line = view.lines[l]!;
    if (line.box[3] < box[1] - my || line.box[1] > box[3] + my) continue;
    for (const o of line.tokens) {
      const t = view.tokens[o]!;
      const cx = (t.token.box[0] + t.token.box[2]) / 2;
      const cy = (t.token.box[1] + t.token.box[3]) / 2;
      if (exclude.has(o)) continue;
      if (cx < box[0] - mx || cx > box[2] + mx || cy < box[1] - my || cy > box[3] + my) continue;
      region.push(t);
    }
  }
  const maxLen = r.tokenCount + 3;
  let best: { tokens: ViewToken[]; value: string; normalized: string; d: number } | null = null;
  for (let i = 0; i < region.length; i++) {
    for (let j = i; j < region.length && j - i < maxLen; j++) {
      const tokens = region.slice(i, j + 1);
      if (new Set(tokens.map((t) => t.line)).size > r.lineCount) break;
      const value = tokens.map((t) => t.token.text).join(" ");
      if (name !== undefined && textKey(value) !== name) continue;
      const normalized = wellTyped(def, value, hints);
      if (normalized === null) continue;
      const span = unionBox(tokens.map((t) => t.token.box));
      // Mostly where it was; of runs equally near, the one as long as the reviewed value.
      const d =
        span.reduce((sum, v, k) => sum + Math.abs(v - box[k]!), 0) +
        0.01 * Math.abs(tokens.length - r.tokenCount);
      if (!best || d < best.d) best = { tokens, value, normalized, d };
    }
  }
  return best;
}

/** The normalized value when `value` reads as the field's type, else null. */
function wellTyped(def: FieldDefinition, value: string, hints: NormalizeHints): string | null {
  const normalized = normalizeValue(def.type, value, hints);
  if (normalized === null || normalized === "") return null;
  if (def.type === "id" && !/\d/.test(value)) return null;
  if (def.type === "text" && !/\p{L}/u.test(value)) return null;
  return normalized;
}

/** Every place a phrase (compared by `textKey`) is printed, within one line. */
class AnchorIndex {
  private readonly cache = new Map<
    string,
    { page: number; pageIndex: number; box: Box; orders: number[] }[]
  >();
  constructor(private readonly view: DocumentView) {}

  find(key: string) {
    let hits = this.cache.get(key);
    if (hits) return hits;
    hits = [];
    for (const line of this.view.lines) {
      for (let i = 0; i < line.tokens.length; i++) {
        let text = "";
        for (let j = i; j < line.tokens.length && j - i < MAX_ANCHOR_TOKENS; j++) {
          text += `${text ? " " : ""}${this.view.tokens[line.tokens[j]!]!.token.text}`;
          const k = textKey(text);
          if (k === key) {
            const orders = line.tokens.slice(i, j + 1);
            const box = unionBox(orders.map((o) => this.view.tokens[o]!.token.box));
            const pageIndex = this.view.layout.pages[line.page]!.index;
            hits.push({ page: line.page, pageIndex, box, orders });
            break;
          }
          if (k.length > key.length || !key.startsWith(k)) break;
        }
      }
    }
    this.cache.set(key, hits);
    return hits;
  }
}
