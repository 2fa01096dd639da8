import type { NormalizeHints } from "@pagewise/core";
import {
  comparisonKey,
  type ExtractedField,
  type FieldDefinition,
  normalizeValue,
  textKey,
  unionBox,
} from "@pagewise/core";
import { similarity } from "../align/approximate-match";
import { typedCandidates } from "../align/typed-candidates";
import type { DocumentView } from "../layout/document-view";
import { completeSpan } from "./complete-spans";
import type { ExtractorHyperparameters } from "./extractor-model";
import { type Span, textSpans, withoutRepeat } from "./text-spans";

/** The hyperparameters of span assembly (documented on `ExtractorHyperparameters`). */
export type AssemblyOptions = Pick<
  ExtractorHyperparameters,
  | "seedThreshold"
  | "growThreshold"
  | "minConfidence"
  | "listThreshold"
  | "snapSimilarity"
  | "occurrenceWeight"
  | "fullerMargin"
  | "completeSpans"
  | "distinctTexts"
  | "legalNameCells"
>;

const TYPED = new Set(["date", "amount", "currency", "term"]);

/**
 * Turn per-token probabilities of one category's fields into values: connected tokens of a field
 * merge into one span (`textSpans`: over line breaks and across columns); typed fields
 * (date, amount, currency, term) take the typed candidate windows instead, scored by the mean
 * probability of their tokens, so a value is always complete. Spans with the same normalized value
 * pool their evidence (`occurrenceWeight`: a total printed three times counts more). A
 * single-valued field yields its best value, a list field every value above `listThreshold`.
 * Text spans are completed from the layout (`completeSpans`, see `completeSpan`), and two text
 * fields do not return the same value (`distinctTexts`, see `distinctValues`).
 */
export function assembleFields(
  view: DocumentView,
  probs: Float32Array,
  width: number,
  columns: readonly { field: FieldDefinition; column: number }[],
  hints: NormalizeHints,
  options: AssemblyOptions,
  knownValues?: (field: string) => readonly string[] | undefined,
  limits?: (field: string) => number | undefined,
): ExtractedField[] {
  const candidates = columns.map(({ field, column }) => {
    const p = (i: number) => probs[i * width + column]!;
    return { field, scored: scoredValues(view, field, p, hints, options) };
  });
  const chosen = new Map<FieldDefinition, ScoredValue[]>();
  for (const { field, scored } of candidates) {
    chosen.set(
      field,
      field.type === "list"
        ? pickListValues(
            scored,
            options.listThreshold,
            limits?.(field.name) ?? Number.POSITIVE_INFINITY,
          )
        : pickSingleValue(scored, TYPED.has(field.type) ? -1 : options.fullerMargin).filter(
            (g) => g.confidence >= options.minConfidence,
          ),
    );
  }
  if (options.distinctTexts) {
    const texts = candidates.filter((c) => c.field.type === "text");
    const keys = texts.flatMap((c) => chosen.get(c.field)!.map((g) => textKey(g.value)));
    if (new Set(keys).size < keys.length)
      for (const [field, value] of distinctValues(texts, options.minConfidence))
        chosen.set(field, value ? [value] : []);
  }
  const out: ExtractedField[] = [];
  for (const { field } of candidates) {
    for (const g of chosen.get(field) ?? []) {
      const best = g.spans[0]!;
      const tokens = best.tokens.map((k) => view.tokens[k]!);
      let value = g.value;
      let normalized = g.normalized;
      // Only OCR misreads are corrected: on a text layer a near miss is a different value (another
      // branch of the same chain), and snapping it would be wrong.
      const ocr = view.layout.pages[tokens[0]!.page]?.source === "ocr";
      if (ocr && options.snapSimilarity > 0 && !TYPED.has(field.type)) {
        const snapped = snap(value, knownValues?.(field.name), options.snapSimilarity);
        if (snapped) {
          value = snapped;
          normalized = normalizeValue(field.type, snapped, hints);
        }
      }
      out.push({
        name: field.name,
        value,
        normalized,
        confidence: Math.min(1, Math.max(0, g.confidence)),
        page: tokens[0]!.page,
        box: unionBox(tokens.map((t) => t.token.box)),
        tokenIds: tokens.map((t) => t.token.id),
      });
    }
  }
  return out;
}

/** Candidates per field in the search for distinct values (the rest cannot win). */
const DISTINCT_CANDIDATES = 3;
/** Fields searched exhaustively together at most (4^8 = 65,536 assignments); beyond: greedy. */
const MAX_DISTINCT_SEARCH = 8;

/**
 * Values for single-valued text fields that want the same value: the assignment of distinct
 * values (or none) with the highest sum of confidences, over each field's best few. The seller's
 * name that the buyer field also likes goes to whichever field loses less by giving it up. Fields
 * not returned keep the value they chose alone.
 */
function distinctValues(
  fields: readonly { field: FieldDefinition; scored: ScoredValue[] }[],
  minConfidence: number,
): Map<FieldDefinition, ScoredValue | undefined> {
  const all = fields.map(({ scored }) =>
    scored.filter((g) => g.confidence >= minConfidence).slice(0, DISTINCT_CANDIDATES),
  );
  // Only fields whose candidates share a value with another field's are searched together (the
  // rest keep their own choice), which keeps the search small whatever the schema's size; past
  // MAX_DISTINCT_SEARCH such fields, the most confident field takes its best free value first.
  const keysOf = (i: number) => new Set(all[i]!.map((g) => textKey(g.value)));
  const entangled = fields
    .map((_, i) => i)
    .filter((i) =>
      fields.some((_, j) => j !== i && [...keysOf(i)].some((key) => keysOf(j).has(key))),
    );
  const out = new Map<FieldDefinition, ScoredValue | undefined>();
  if (entangled.length > MAX_DISTINCT_SEARCH) {
    const used = new Set<string>();
    const order = [...entangled].sort(
      (a, b) => (all[b]![0]?.confidence ?? 0) - (all[a]![0]?.confidence ?? 0),
    );
    for (const i of order) {
      const g = all[i]!.find((c) => !used.has(textKey(c.value)));
      if (g) used.add(textKey(g.value));
      out.set(fields[i]!.field, g);
    }
    return out;
  }
  const options = entangled.map((i) => all[i]!);
  let best: (ScoredValue | undefined)[] = [];
  let bestSum = -1;
  const current: (ScoredValue | undefined)[] = [];
  const used = new Set<string>();
  const visit = (i: number, sum: number) => {
    if (i === options.length) {
      if (sum > bestSum) {
        bestSum = sum;
        best = [...current];
      }
      return;
    }
    for (const g of [...options[i]!, undefined]) {
      const key = g ? textKey(g.value) : undefined;
      if (key !== undefined && used.has(key)) continue;
      if (key !== undefined) used.add(key);
      current[i] = g;
      visit(i + 1, sum + (g?.confidence ?? 0));
      if (key !== undefined) used.delete(key);
    }
  };
  visit(0, 0);
  for (const [k, i] of entangled.entries()) out.set(fields[i]!.field, best[k]);
  return out;
}

/** A candidate value of one field: its text, normalized value, spans and pooled confidence. */
interface ScoredValue {
  key: string;
  value: string;
  normalized: string | null;
  spans: Span[];
  confidence: number;
}

/** Every candidate value of one field, most confident first. */
function scoredValues(
  view: DocumentView,
  field: FieldDefinition,
  p: (i: number) => number,
  hints: NormalizeHints,
  options: AssemblyOptions,
): ScoredValue[] {
  const single = field.type !== "list";
  let spans: Span[];
  if (TYPED.has(field.type)) {
    spans = typedCandidates(view, field.type, hints)
      .map((c) => {
        const tokens = Array.from({ length: c.end - c.start }, (_, k) => c.start + k);
        return { tokens, score: tokens.reduce((sum, k) => sum + p(k), 0) / tokens.length };
      })
      .filter((s) => s.score >= options.growThreshold);
  } else {
    spans = textSpans(view, p, options, single);
  }
  const groups = new Map<
    string,
    { key: string; spans: Span[]; value: string; normalized: string | null }
  >();
  for (const raw of spans) {
    const span = TYPED.has(field.type)
      ? raw
      : options.completeSpans
        ? completeSpan(view, withoutRepeat(view, raw), field, p, options)
        : withoutRepeat(view, raw);
    const text = span.tokens.map((k) => view.tokens[k]!.token.text).join(" ");
    const normalized = normalizeValue(field.type, text, hints);
    if (normalized === null) continue;
    const key = comparisonKey(field, text, hints);
    const group = groups.get(key);
    if (group) group.spans.push(span);
    else groups.set(key, { key, spans: [span], value: text, normalized });
  }
  const scored = [...groups.values()].map((g) => {
    g.spans.sort((a, b) => b.score - a.score);
    // Best occurrence, plus what repeats add: 1 − (1 − s₁)·Π(1 − w·sₖ) over the next two.
    const miss = g.spans
      .slice(0, 3)
      .reduce((acc, s, k) => acc * (1 - (k === 0 ? 1 : options.occurrenceWeight) * s.score), 1);
    return { ...g, confidence: 1 - miss };
  });
  scored.sort(
    (a, b) => b.confidence - a.confidence || a.spans[0]!.tokens[0]! - b.spans[0]!.tokens[0]!,
  );
  return scored;
}

/**
 * The best value of a single-valued field; for texts, a fuller version of it wins when nearly as
 * likely: "Taxiunternehmen TX GmbH" (0.92, its first word less sure) over "TX GmbH" (0.98)
 * printed again in the footer.
 */
function pickSingleValue<G extends { key: string; confidence: number }>(
  scored: G[],
  /** Confidence a fuller value may lose and still win; negative: never (typed fields). */
  margin: number,
): G[] {
  const best = scored[0];
  if (!best || margin < 0) return best ? [best] : [];
  const fuller = scored.find(
    (g) =>
      g !== best &&
      g.key.length > best.key.length &&
      g.key.includes(best.key) &&
      g.confidence >= best.confidence - margin,
  );
  return [fuller ?? best];
}

/**
 * The values of a list field: confident ones, best first, skipping fragments of a value already
 * taken ("Boston" next to "Boston Private Financial Holdings") and stray punctuation, up to the
 * number of values documents of this field had in training.
 */
function pickListValues<G extends { key: string; confidence: number }>(
  scored: G[],
  threshold: number,
  limit: number,
): G[] {
  const kept: G[] = [];
  for (const g of scored) {
    if (kept.length >= limit || g.confidence < threshold) break;
    if (g.key.replace(/[^\p{L}]/gu, "").length < 2) continue;
    if (kept.some((k) => k.key.includes(g.key) || g.key.includes(k.key))) continue;
    kept.push(g);
  }
  return kept;
}

/** The known value closest to `value` when it is close enough (OCR near-misses of a known vendor). */
function snap(
  value: string,
  known: readonly string[] | undefined,
  minSimilarity: number,
): string | null {
  if (!known || known.length === 0) return null;
  const key = textKey(value);
  let best: string | null = null;
  let bestSim = minSimilarity;
  for (const candidate of known) {
    const ck = textKey(candidate);
    if (Math.abs(ck.length - key.length) > key.length * (1 - minSimilarity) + 1) continue;
    const sim = similarity(key, ck);
    if (sim >= bestSim && sim < 1) {
      bestSim = sim;
      best = candidate;
    }
  }
  return best;
}
