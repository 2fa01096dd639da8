import { findCategory, type LabelSchema, type Layout } from "@pagewise/core";
import { z } from "zod";
import type { LabeledField, TrainingDocument } from "../types";

/** The uniform ground-truth JSON of `../shared/data/<dataset>/gt/<stem>.json`. */
export const DatasetGroundTruthSchema = z.object({
  file: z.string(),
  type: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  keys_asked: z.array(z.string()).optional(),
  /** ZUGFeRD: the seller the dataset's own split groups by. */
  vendor_cluster: z.string().optional(),
});
export type DatasetGroundTruth = z.infer<typeof DatasetGroundTruthSchema>;

// Kleister lists the keys it asks for in its own singular form.
const KEY_ALIASES: Record<string, string> = { party: "parties" };

/**
 * A dataset ground truth as a training document: the dataset `type` is the category, each value
 * of a schema field becomes a labeled field (a list such as Kleister `parties` gives one per
 * value), fields outside the schema are dropped. `annotatedFields` follows the data README:
 * a field absent from `fields` has no ground truth, except Kleister's `keys_asked`, where an
 * asked key without a value is known to be empty. Null for non-documents (`malformed_pdf`) and
 * categories the schema lacks.
 */
export function mapGroundTruth(
  gt: unknown,
  layout: Layout,
  labelSchema: LabelSchema,
  id?: string,
): TrainingDocument | null {
  const parsed = DatasetGroundTruthSchema.parse(gt);
  const category = findCategory(labelSchema, parsed.type);
  if (!category) return null;
  const known = new Set(category.fields.map((f) => f.name));
  const fields: LabeledField[] = [];
  const annotated = new Set<string>();
  for (const [rawName, value] of Object.entries(parsed.fields)) {
    const name = KEY_ALIASES[rawName] ?? rawName;
    if (!known.has(name)) continue;
    annotated.add(name);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v.trim() !== "") fields.push({ name, value: v });
    }
  }
  for (const key of parsed.keys_asked ?? []) {
    const name = KEY_ALIASES[key] ?? key;
    if (known.has(name)) annotated.add(name);
  }
  return {
    id: id ?? parsed.file,
    layout,
    category: category.name,
    fields,
    annotatedFields: category.fields.map((f) => f.name).filter((n) => annotated.has(n)),
  };
}
