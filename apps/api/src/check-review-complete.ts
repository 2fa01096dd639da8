import { type CategoryDefinition, PagewiseError } from "@pagewise/core";

/**
 * The "not in this document" marks must name fields of the category, and a field cannot be both
 * given and absent.
 */
export function checkAbsentFields(
  category: CategoryDefinition,
  fields: readonly { name: string }[],
  absent: readonly string[],
): void {
  const unknown = absent.filter((name) => !category.fields.some((f) => f.name === name));
  if (unknown.length > 0) {
    throw new PagewiseError(
      "validation_failed",
      `'${category.name}' has no field ${unknown.map((n) => `'${n}'`).join(", ")} to mark absent.`,
      { fields: category.fields.map((f) => f.name) },
    );
  }
  const both = absent.filter((name) => fields.some((f) => f.name === name));
  if (both.length > 0) {
    throw new PagewiseError(
      "validation_failed",
      `A field cannot be both given and absent: ${both.join(", ")}.`,
      { fields: both },
    );
  }
}

/**
 * A complete review is training data, so it must account for every required field of its
 * category: a value, or an explicit "not in this document" mark. Otherwise a reviewer who pressed
 * save without looking would teach the models that the field is empty.
 */
export function checkReviewComplete(
  category: CategoryDefinition,
  fields: readonly { name: string; value: string }[],
  absent: readonly string[],
): void {
  const missing = category.fields
    .filter((f) => f.required)
    .map((f) => f.name)
    .filter(
      (name) =>
        !absent.includes(name) && !fields.some((f) => f.name === name && f.value.trim() !== ""),
    );
  if (missing.length > 0) {
    throw new PagewiseError(
      "incomplete_review",
      `A complete review needs a value or a "not in this document" mark for: ${missing.join(", ")}.`,
      { missing },
    );
  }
}
