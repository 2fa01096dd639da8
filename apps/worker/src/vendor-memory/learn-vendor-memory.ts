import { createHash } from "node:crypto";
import {
  type CategoryDefinition,
  type ExtractedField,
  findCategory,
  type Layout,
} from "@pagewise/core";
import { recordVendorMemoryLearned } from "@pagewise/metrics";
import { observeVendorDocument, sameTemplateObservations, vendorKey } from "@pagewise/models";
import {
  type Db,
  listUnlearnedReviews,
  listVendorObservations,
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
    if (observation) recordVendorMemoryLearned("review");
  }
  return reviews.length;
}

/**
 * The vendor memory's stand-in for a review id when an e-invoice's XML taught it: no review
 * row has this id.
 */
const EINVOICE_TEACHER = "einvoice";

/** At most this many observations of one supplier's template are learned from e-invoices. */
const EINVOICES_PER_TEMPLATE = 3;

/**
 * Learn from an e-invoice whose XML was read: its fields, located on the page, are a review the
 * supplier wrote itself, so the supplier's later plain PDFs in the same template are read from
 * memory without anyone reviewing the first. Dated with the document's upload, so any review of
 * the document (always later) replaces it, and a re-run of the pipeline changes nothing.
 * Answers whether the document taught the memory something: false for an XML without a page, a
 * vendor it cannot tell, or a template it already holds `EINVOICES_PER_TEMPLATE` times.
 */
export async function learnFromEInvoice(
  db: Db,
  input: {
    projectId: string;
    documentId: string;
    uploadedAt: string;
    category: CategoryDefinition;
    layout: Layout;
    fields: readonly ExtractedField[];
  },
): Promise<boolean> {
  if (input.layout.pages.length === 0) return false; // an XML upload: no page to remember
  const located = input.fields
    .filter((f) => f.tokenIds.length > 0)
    .map((f) => ({ name: f.name, value: f.value, tokenIds: f.tokenIds }));
  const observation = observeVendorDocument(input.layout, input.category, located);
  if (!observation) return false;
  const key = hashKey(vendorKey(observation.vendor));
  // A supplier that sends e-invoices sends many in one template: a few teach the memory all it
  // can learn (three agreeing observations answer at 0.99), more would only make every later
  // document's look-up slower. Another template of the supplier is still learned.
  const known = (await listVendorObservations(db, input.projectId, { vendorKey: key })).filter(
    (o) => o.documentId !== input.documentId,
  );
  const sameTemplate = sameTemplateObservations(
    input.layout,
    input.category,
    known.map((o) => o.observation),
  );
  if (sameTemplate.length >= EINVOICES_PER_TEMPLATE) return false;
  await saveVendorObservation(db, {
    projectId: input.projectId,
    documentId: input.documentId,
    reviewId: EINVOICE_TEACHER,
    reviewCreatedAt: input.uploadedAt,
    vendorKey: key,
    observation,
  });
  recordVendorMemoryLearned("einvoice");
  return true;
}

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
