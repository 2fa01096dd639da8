import { createHash } from "node:crypto";
import { findCategory } from "@pagewise/core";
import { observeVendorDocument, vendorKey } from "@pagewise/models";
import {
  type Db,
  listUnlearnedReviews,
  type Project,
  saveVendorObservation,
} from "@pagewise/storage";
import { loadLayout } from "../document-layout";

/**
 * Learn from the project's complete reviews the vendor memory has not seen yet: for each, who
 * the vendor is and where its fields were printed. Called before the memory is consulted, so a
 * review saved a moment ago already helps the next document (no job, no retraining). Answers how
 * many reviews were learned.
 */
export async function learnVendorMemory(db: Db, project: Project): Promise<number> {
  const reviews = await listUnlearnedReviews(db, project.id);
  for (const review of reviews) {
    const category = review.category ? findCategory(project.labelSchema, review.category) : null;
    const layout = await loadLayout(db, review.documentId);
    const observation =
      category && layout.pages.length > 0
        ? observeVendorDocument(layout, category, review.fields)
        : null;
    await saveVendorObservation(db, {
      projectId: project.id,
      documentId: review.documentId,
      reviewId: review.reviewId,
      reviewCreatedAt: review.createdAt,
      // Stored as a hash: the vendor's name stays only in the encrypted observation.
      vendorKey: observation ? hashKey(vendorKey(observation.vendor)) : null,
      observation,
    });
  }
  return reviews.length;
}

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
