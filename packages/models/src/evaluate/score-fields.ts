import type {
  CategoryDefinition,
  ExtractedField,
  FieldScore,
  NormalizeHints,
} from "@pagewise/core";
import { comparisonKey } from "@pagewise/core";
import type { TrainingDocument } from "../types";

export interface FieldCounts {
  tp: number;
  fp: number;
  fn: number;
}

/**
 * Count matches between predicted and labeled values of one document, per field, by comparison
 * key (normalized dates/amounts/currencies/terms; case-, spacing- and punctuation-insensitive
 * texts; addresses as word bags). Only annotated fields count; a list field counts each value.
 */
export function countFieldMatches(
  doc: TrainingDocument,
  category: CategoryDefinition,
  predicted: readonly ExtractedField[],
  hints: NormalizeHints,
  into: Map<string, FieldCounts> = new Map(),
): Map<string, FieldCounts> {
  const annotated = new Set(doc.annotatedFields ?? category.fields.map((f) => f.name));
  for (const field of category.fields) {
    if (!annotated.has(field.name)) continue;
    const truth = new Set(
      doc.fields
        .filter((f) => f.name === field.name)
        .map((f) => comparisonKey(field, f.value, hints)),
    );
    const guess = new Set(
      predicted
        .filter((f) => f.name === field.name)
        .map((f) => comparisonKey(field, f.value, hints)),
    );
    const counts = into.get(field.name) ?? { tp: 0, fp: 0, fn: 0 };
    for (const g of guess) {
      if (truth.has(g)) counts.tp++;
      else counts.fp++;
    }
    for (const t of truth) if (!guess.has(t)) counts.fn++;
    into.set(field.name, counts);
  }
  return into;
}

export function fieldScore(c: FieldCounts): FieldScore {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support: c.tp + c.fn };
}

/** Per-field scores, macro F1 (mean over fields with support) and micro F1 (pooled counts). */
export function summarizeFieldCounts(counts: Map<string, FieldCounts>): {
  fields: Record<string, FieldScore>;
  macroF1: number;
  microF1: number;
} {
  const fields: Record<string, FieldScore> = {};
  const pooled: FieldCounts = { tp: 0, fp: 0, fn: 0 };
  const f1s: number[] = [];
  for (const name of [...counts.keys()].sort()) {
    const c = counts.get(name)!;
    const score = fieldScore(c);
    fields[name] = score;
    if (score.support > 0) f1s.push(score.f1);
    pooled.tp += c.tp;
    pooled.fp += c.fp;
    pooled.fn += c.fn;
  }
  return {
    fields,
    macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    microF1: fieldScore(pooled).f1,
  };
}
