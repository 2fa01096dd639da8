import { findCategory, type LabelSchema, PagewiseError } from "@pagewise/core";

/**
 * Labels must fit the project's label schema: a known category, only its fields, and at most one
 * value for a field that is not a list.
 */
export function checkLabelsAgainstSchema(
  schema: LabelSchema,
  category: string,
  fields: readonly { name: string }[],
): void {
  const definition = findCategory(schema, category);
  if (!definition) {
    throw new PagewiseError("validation_failed", `Unknown category '${category}'.`, {
      categories: schema.categories.map((c) => c.name),
    });
  }
  const seen = new Set<string>();
  for (const field of fields) {
    const def = definition.fields.find((f) => f.name === field.name);
    if (!def) {
      throw new PagewiseError("validation_failed", `'${category}' has no field '${field.name}'.`, {
        fields: definition.fields.map((f) => f.name),
      });
    }
    if (def.type !== "list" && seen.has(field.name)) {
      throw new PagewiseError("validation_failed", `'${field.name}' takes one value.`);
    }
    seen.add(field.name);
  }
}
