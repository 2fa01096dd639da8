import { z } from "zod";
import type { DocumentObservation } from "./document-observation";
import { holmAdjust, homogeneityTest, psi } from "./psi";

/**
 * One signal's histogram. Numeric signals have `edges` (bin i holds values < edges[i], the last
 * bin the rest); categorical ones have `categories` (plus a last bin for anything else). The
 * reference fixes the bins: live documents are counted into the reference's own bins.
 */
export const SignalHistogramSchema = z.object({
  edges: z.array(z.number()).optional(),
  categories: z.array(z.string()).optional(),
  counts: z.array(z.number().int().nonnegative()),
});
export type SignalHistogram = z.infer<typeof SignalHistogramSchema>;

export const DriftProfileSchema = z.object({
  documents: z.number().int().nonnegative(),
  signals: z.record(z.string(), SignalHistogramSchema),
});
export type DriftProfile = z.infer<typeof DriftProfileSchema>;

export const DriftStatusSchema = z.enum(["ok", "warn", "alert"]);
export type DriftStatus = z.infer<typeof DriftStatusSchema>;

/**
 * A signal's histogram as shares, on the reference's own bins (the ones PSI is computed on):
 * one label per bin, each side's shares summing to 1 (all 0 when a side has no observations).
 */
export const DriftBinsSchema = z.object({
  labels: z.array(z.string()),
  reference: z.array(z.number()),
  live: z.array(z.number()),
});
export type DriftBins = z.infer<typeof DriftBinsSchema>;

export interface DriftSignal {
  name: string;
  psi: number;
  status: DriftStatus;
  /** Chi-square homogeneity p-value: small means the shift is more than sampling noise. */
  pValue: number;
  /**
   * `pValue` adjusted (Holm) for all the window's signals tested together: what the status is
   * judged on, so that a window of a dozen signals is not flagged by chance alone.
   */
  adjustedPValue: number;
  /** Observations in the live window and in the reference. */
  observations: number;
  referenceObservations: number;
  /** Both histograms as shares, for charts. */
  bins: DriftBins;
}

/**
 * Below this adjusted p-value a PSI above a threshold is taken as a real shift, not noise: the
 * chance that a window with no shift shows any warn or alert at all (family-wise, over all its
 * signals).
 */
export const DRIFT_SIGNIFICANCE = 0.01;

type Values = (o: DocumentObservation) => (number | null)[];
const one =
  (f: (o: DocumentObservation) => number | null): Values =>
  (o) => [f(o)];

/** Numeric signals and their fixed bin edges. */
const NUMERIC: { name: string; edges: number[]; values: Values }[] = [
  { name: "pages", edges: [1.5, 2.5, 5.5], values: one((o) => o.pages) },
  {
    name: "tokens_per_page",
    edges: [25, 50, 100, 200, 400, 800],
    values: one((o) => o.tokensPerPage),
  },
  { name: "ocr_page_share", edges: [0.001, 0.5, 0.999], values: one((o) => o.ocrPageShare) },
  {
    name: "ocr_confidence",
    edges: [0.6, 0.8, 0.9, 0.95, 0.99],
    values: one((o) => o.ocrConfidence),
  },
  { name: "latin_share", edges: [0.2, 0.4, 0.6, 0.8], values: one((o) => o.latinShare) },
  { name: "digit_share", edges: [0.1, 0.2, 0.3, 0.5], values: one((o) => o.digitShare) },
  {
    name: "other_script_share",
    edges: [0.01, 0.05, 0.2],
    values: one((o) => o.otherScriptShare),
  },
  {
    name: "category_confidence",
    edges: [0.5, 0.7, 0.9, 0.99],
    values: one((o) => o.categoryConfidence),
  },
];
const FIELD_CONFIDENCE_EDGES = [0.5, 0.7, 0.8, 0.9, 0.95];
const FIELD_PREFIX = "field_confidence:";

function binOf(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value >= edges[i]!) i++;
  return i;
}

function valuesOf(name: string, o: DocumentObservation): number[] {
  if (name.startsWith(FIELD_PREFIX))
    return o.fieldConfidences[name.slice(FIELD_PREFIX.length)] ?? [];
  const numeric = NUMERIC.find((s) => s.name === name);
  return (numeric?.values(o) ?? []).filter((v): v is number => v !== null && Number.isFinite(v));
}

function countInto(
  name: string,
  bins: Pick<SignalHistogram, "edges" | "categories">,
  observations: readonly DocumentObservation[],
): number[] {
  if (bins.categories) {
    const counts = new Array<number>(bins.categories.length + 1).fill(0);
    for (const o of observations) {
      if (o.category === null) continue;
      const i = bins.categories.indexOf(o.category);
      counts[i === -1 ? bins.categories.length : i]!++;
    }
    return counts;
  }
  const edges = bins.edges ?? [];
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const o of observations) for (const v of valuesOf(name, o)) counts[binOf(v, edges)]!++;
  return counts;
}

/** Readable bin labels: `< 0.5`, `0.5–0.7`, `≥ 0.95`; categories by name, then `other`. */
function binLabels(bins: Pick<SignalHistogram, "edges" | "categories">): string[] {
  if (bins.categories) return [...bins.categories, "other"];
  const edges = bins.edges ?? [];
  if (edges.length === 0) return ["all"];
  return [
    `< ${edges[0]}`,
    ...edges.slice(1).map((edge, i) => `${edges[i]}–${edge}`),
    `≥ ${edges.at(-1)}`,
  ];
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total === 0 ? 0 : c / total));
}

/** The reference profile of a set of documents (a champion's validation documents). */
export function buildDriftProfile(observations: readonly DocumentObservation[]): DriftProfile {
  const signals: Record<string, SignalHistogram> = {};
  const add = (name: string, bins: Pick<SignalHistogram, "edges" | "categories">) => {
    const counts = countInto(name, bins, observations);
    if (counts.some((c) => c > 0)) signals[name] = { ...bins, counts };
  };
  for (const s of NUMERIC) add(s.name, { edges: s.edges });
  const categories = [...new Set(observations.flatMap((o) => (o.category ? [o.category] : [])))];
  add("category", { categories: categories.sort() });
  const fields = new Set(observations.flatMap((o) => Object.keys(o.fieldConfidences)));
  for (const field of [...fields].sort()) {
    add(`${FIELD_PREFIX}${field}`, { edges: FIELD_CONFIDENCE_EDGES });
  }
  return { documents: observations.length, signals };
}

/**
 * Every signal of the reference against live documents: PSI on the reference's bins, and a
 * status — `alert` from `alertPsi`, `warn` from `warnPsi`, each only when the shift is beyond
 * sampling noise and the window has at least `minDocuments` documents. Beyond noise means an
 * adjusted p-value below DRIFT_SIGNIFICANCE: Holm's adjustment over the signals that could be
 * tested at all (a signal whose values all fall in one merged bin carries no evidence and does
 * not dilute the others).
 */
export function compareDrift(
  reference: DriftProfile,
  live: readonly DocumentObservation[],
  thresholds: { warnPsi: number; alertPsi: number; minDocuments: number },
): DriftSignal[] {
  const compared = Object.entries(reference.signals).map(([name, histogram]) => {
    const counts = countInto(name, histogram, live);
    return { name, histogram, counts, test: homogeneityTest(histogram.counts, counts) };
  });
  const tested = compared.filter((c) => c.test.degreesOfFreedom > 0);
  const adjusted = new Map(
    holmAdjust(tested.map((c) => c.test.pValue)).map((p, i) => [tested[i]!.name, p]),
  );
  return compared.map(({ name, histogram, counts, test }) => {
    const value = psi(histogram.counts, counts);
    const adjustedPValue = adjusted.get(name) ?? 1;
    const observations = counts.reduce((a, b) => a + b, 0);
    const judged = live.length >= thresholds.minDocuments && adjustedPValue < DRIFT_SIGNIFICANCE;
    const status =
      judged && value >= thresholds.alertPsi
        ? "alert"
        : judged && value >= thresholds.warnPsi
          ? "warn"
          : "ok";
    return {
      name,
      psi: round4(value),
      status,
      pValue: round4(test.pValue),
      adjustedPValue: round4(adjustedPValue),
      observations,
      referenceObservations: histogram.counts.reduce((a, b) => a + b, 0),
      bins: {
        labels: binLabels(histogram),
        reference: shares(histogram.counts),
        live: shares(counts),
      },
    };
  });
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
