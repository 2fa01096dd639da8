import {
  type CategoryDefinition,
  comparisonKey,
  type ExtractedField,
  type NormalizeHints,
  normalizeValue,
} from "@pagewise/core";
import type { LabeledField } from "@pagewise/storage";

/**
 * The reviewer's values as labeled fields, each with its normalized form and a verdict against
 * the predictions shown. Values are compared by the same key evaluation scores by (normalized
 * dates, amounts, currencies and terms; case-, spacing- and punctuation-insensitive texts), so
 * `529.87` for a predicted `529,87` is `accepted`, not a correction. The raw value is kept.
 */
export function labelReviewFields(
  category: CategoryDefinition,
  fields: readonly { name: string; value: string; tokenIds?: string[] | undefined }[],
  predicted: readonly ExtractedField[],
  hints: NormalizeHints,
): LabeledField[] {
  return fields.map((f) => {
    const definition = category.fields.find((d) => d.name === f.name);
    const before = predicted.filter((p) => p.name === f.name);
    let verdict: LabeledField["verdict"] = "added";
    if (before.length > 0) {
      const key = (value: string) =>
        definition ? comparisonKey(definition, value, hints) : value.trim();
      const mine = key(f.value);
      verdict = before.some((p) => key(p.value) === mine) ? "accepted" : "corrected";
    }
    return {
      name: f.name,
      value: f.value,
      normalized: definition ? normalizeValue(definition.type, f.value, hints) : null,
      tokenIds: f.tokenIds ?? [],
      aligned: false,
      verdict,
    };
  });
}
