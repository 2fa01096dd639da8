import type { FieldDefinition, NormalizeHints } from "@pagewise/core";
import { alignOccurrences } from "../align/align-value";
import type { DocumentView } from "../layout/document-view";
import type { LabeledField } from "../types";

/**
 * The token runs (reading-order positions) that carry a labeled value: the given token ids when a
 * reviewer pointed at them, else every good occurrence found by the aligner (a total printed
 * three times is labeled three times, so the model is not taught that two of them are not it).
 */
export function labelTokenRuns(
  view: DocumentView,
  field: LabeledField,
  definition: FieldDefinition,
  hints: NormalizeHints,
  minScore?: number,
): number[][] {
  if (field.tokenIds && field.tokenIds.length > 0) {
    const byId = new Map(view.tokens.map((t) => [t.token.id, t.order]));
    const orders = field.tokenIds
      .map((id) => byId.get(id))
      .filter((o): o is number => o !== undefined);
    return orders.length > 0 ? [orders] : [];
  }
  return alignOccurrences(view, field.value, definition.type, {
    hints,
    fieldName: definition.name,
    minScore,
  }).map((span) => span.orders);
}
