import type { ExtractedField } from "@pagewise/core";
import type { Review } from "@pagewise/storage";
import type { SnapshotContent } from "./snapshot-content";

type SnapshotDocument = SnapshotContent["documents"][number];

/**
 * One reviewed document as a snapshot freezes it. Fields marked "not in this document" get no
 * value entry (nothing is invented for them) and are listed in `absent`: every field of the
 * category counts as annotated in training and evaluation, so they are known negatives there.
 */
export function snapshotDocument(
  review: Pick<Review, "category" | "fields" | "absent">,
  document: { id: string; sha256: string },
  split: SnapshotDocument["split"],
): SnapshotDocument | null {
  if (!review.category) return null;
  const absent = new Set(review.absent);
  return {
    id: document.id,
    sha256: document.sha256,
    split,
    category: review.category,
    fields: review.fields
      .filter((f) => !absent.has(f.name))
      .map((f) => ({
        name: f.name,
        value: f.value,
        ...(f.tokenIds.length ? { tokenIds: f.tokenIds } : {}),
      })),
    ...(absent.size > 0 ? { absent: [...absent] } : {}),
  };
}

/**
 * A document finished from its e-invoice as a snapshot freezes it, without a review: the XML's
 * fields that were located on the page (the extractor learns from token labels) are its labels
 * and the only fields it annotates. Null when none was located.
 */
export function snapshotEInvoiceDocument(
  category: string,
  fields: readonly ExtractedField[],
  document: { id: string; sha256: string },
  split: SnapshotDocument["split"],
): SnapshotDocument | null {
  const located = fields.filter((f) => f.source === "einvoice" && f.tokenIds.length > 0);
  if (located.length === 0) return null;
  return {
    id: document.id,
    sha256: document.sha256,
    split,
    category,
    fields: located.map((f) => ({ name: f.name, value: f.value, tokenIds: [...f.tokenIds] })),
    annotated: [...new Set(located.map((f) => f.name))],
  };
}
