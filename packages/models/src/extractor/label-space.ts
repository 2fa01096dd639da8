import type { FieldDefinition, LabelSchema } from "@pagewise/core";

/** The extractor's outputs: one sigmoid per field of every category, `"<category>.<field>"`. */
export function extractorLabels(schema: LabelSchema): string[] {
  return schema.categories.flatMap((c) => c.fields.map((f) => `${c.name}.${f.name}`));
}

/** Columns of one category's fields in the extractor's output. */
export function categoryColumns(
  labels: readonly string[],
  schema: LabelSchema,
  category: string,
): { field: FieldDefinition; column: number }[] {
  const def = schema.categories.find((c) => c.name === category);
  if (!def) return [];
  return def.fields
    .map((field) => ({ field, column: labels.indexOf(`${category}.${field.name}`) }))
    .filter((c) => c.column >= 0);
}
