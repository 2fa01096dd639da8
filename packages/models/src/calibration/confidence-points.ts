import type { CategoryDefinition, ExtractedField, NormalizeHints } from "@pagewise/core";
import { comparisonKey } from "@pagewise/core";
import type { TrainingDocument } from "../types";
import type { ConfidencePoint } from "./confidence-calibration";

/**
 * Each predicted value of an annotated field of `doc`, with its confidence and whether it matches
 * a labeled value (the comparison key that scoring uses, so "correct" means what F1 counts).
 */
export function confidencePoints(
  doc: TrainingDocument,
  category: CategoryDefinition,
  predicted: readonly ExtractedField[],
  hints: NormalizeHints,
): ConfidencePoint[] {
  const annotated = new Set(doc.annotatedFields ?? category.fields.map((f) => f.name));
  const out: ConfidencePoint[] = [];
  for (const field of category.fields) {
    if (!annotated.has(field.name)) continue;
    const truth = new Set(
      doc.fields
        .filter((f) => f.name === field.name)
        .map((f) => comparisonKey(field, f.value, hints)),
    );
    for (const p of predicted) {
      if (p.name !== field.name) continue;
      out.push({
        label: `${category.name}.${field.name}`,
        confidence: p.confidence,
        correct: truth.has(comparisonKey(field, p.value, hints)),
      });
    }
  }
  return out;
}
