import type { FieldScore } from "@pagewise/core";
import type { Confusion } from "./model-types";

/**
 * Precision, recall, F1 and support of each category from a confusion matrix (row = true,
 * column = predicted). A category never predicted has precision 0; one never true, support 0.
 */
export function classScores(confusion: Confusion): Record<string, FieldScore> {
  const { labels, matrix } = confusion;
  const out: Record<string, FieldScore> = {};
  labels.forEach((label, i) => {
    const tp = matrix[i]?.[i] ?? 0;
    const support = (matrix[i] ?? []).reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + (row[i] ?? 0), 0);
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    out[label] = { precision, recall, f1, support };
  });
  return out;
}

/** A matrix over `labels` (another model may list its categories in another order). */
export function alignConfusion(confusion: Confusion, labels: readonly string[]): number[][] {
  const index = new Map(confusion.labels.map((l, i) => [l, i]));
  return labels.map((truth) =>
    labels.map((predicted) => {
      const r = index.get(truth);
      const c = index.get(predicted);
      return r === undefined || c === undefined ? 0 : (confusion.matrix[r]?.[c] ?? 0);
    }),
  );
}
