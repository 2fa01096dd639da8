import type { Classification, ExtractedField } from "@pagewise/core";
import { findCategory, inferLocaleHints, PagewiseError } from "@pagewise/core";
import { getSplit, pinSplit, type Split } from "@pagewise/registry";
import {
  type Db,
  type DocumentRecord,
  getDocumentResults,
  getPages,
  indexDocumentForSearch,
  insertReview,
  type Project,
  type Review,
  recordEvent,
  transitionDocument,
} from "@pagewise/storage";
import { checkLabelsAgainstSchema } from "./check-labels";
import { checkAbsentFields, checkReviewComplete } from "./check-review-complete";
import { labelReviewFields } from "./label-review-fields";

export interface ReviewInput {
  category?: string | undefined;
  fields: { name: string; value: string; tokenIds?: string[] | undefined }[];
  /** Fields the reviewer marked "not in this document". */
  absent?: string[] | undefined;
  complete: boolean;
  /** Pin the document to a dataset split (only while it has none: a split never changes). */
  split?: Split | undefined;
}

/**
 * Store a reviewer's labels for a document with what the models had predicted (and which
 * versions), so accepted-as-is and corrected are both known. A field given with `tokenIds` is
 * labeled exactly; a value without tokens is aligned to the page when the training set is built.
 * A complete review must account for every required field (a value or an `absent` mark) and
 * makes the document `reviewed`: training data from then on.
 */
export async function saveReview(
  db: Db,
  input: { project: Project; document: DocumentRecord; actor: string; review: ReviewInput },
): Promise<Review> {
  const { project, document, review } = input;
  if (!["processed", "needs_review", "reviewed"].includes(document.status)) {
    throw new PagewiseError(
      "conflict",
      `Document '${document.id}' is ${document.status}; it cannot be reviewed yet.`,
    );
  }
  const results = (await getDocumentResults(db, [document.id])).get(document.id) ?? {};
  const classification = results.classification?.data as Classification | undefined;
  const predicted = (results.extraction?.data as ExtractedField[] | undefined) ?? [];
  const category = review.category ?? document.category ?? classification?.category;
  if (!category) {
    throw new PagewiseError(
      "validation_failed",
      "Give the document's category: no model predicted one.",
    );
  }
  checkLabelsAgainstSchema(project.labelSchema, category, review.fields);
  const definition = findCategory(project.labelSchema, category)!;
  const absent = [...new Set(review.absent ?? [])];
  checkAbsentFields(definition, review.fields, absent);
  // Partial saves are drafts: only a complete review is held to the rule.
  if (review.complete) checkReviewComplete(definition, review.fields, absent);

  if (review.split) await checkSplitFree(db, project.id, document.id, review.split);

  const pages = await getPages(db, document.id);
  const known = new Set<string>();
  for (const page of pages) for (const t of page.tokens) known.add(t.id);
  const unknown = review.fields.flatMap((f) => f.tokenIds ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new PagewiseError(
      "validation_failed",
      `Unknown token ids: ${unknown.slice(0, 5).join(", ")}.`,
    );
  }

  // The document's own locale evidence decides ambiguous dates and amounts, as in extraction.
  const fields = labelReviewFields(
    definition,
    review.fields,
    predicted,
    inferLocaleHints({ pages }),
  );
  const removed = predicted
    .filter((p) => !review.fields.some((f) => f.name === p.name))
    .map((p) => p.name);
  const saved = await insertReview(db, {
    projectId: project.id,
    documentId: document.id,
    actor: input.actor,
    source: "review",
    complete: review.complete,
    category,
    fields,
    absent,
    previous: {
      classification: classification ?? null,
      classifierVersion: results.classification?.modelVersion ?? null,
      fields: predicted,
      extractorVersion: results.extraction?.modelVersion ?? null,
    },
    labelSchemaVersion: project.labelSchema.version,
  });
  if (review.split) await pinDocumentSplit(db, project.id, document.id, review.split);
  // The reviewed values are searchable at once.
  await indexDocumentForSearch(db, document.id);
  if (review.complete) {
    await transitionDocument(db, document.id, {
      from: ["processed", "needs_review", "reviewed"],
      to: "reviewed",
      category,
    });
  }
  const count = (v: string) => fields.filter((f) => f.verdict === v).length;
  await recordEvent(db, {
    projectId: project.id,
    documentId: document.id,
    type: review.complete ? "document.reviewed" : "document.review_saved",
    actor: input.actor,
    data: {
      reviewId: saved.id,
      categoryChanged: classification ? classification.category !== category : null,
      accepted: count("accepted"),
      corrected: count("corrected"),
      added: count("added"),
      removed: removed.length,
      absent: absent.length,
    },
  });
  return saved;
}

/** Refuse a pin before anything is stored when the document already has another split. */
async function checkSplitFree(db: Db, projectId: string, documentId: string, split: Split) {
  const current = await getSplit(db, projectId, documentId);
  if (current && current !== split) throw splitTaken(documentId, current, split);
}

/** Pin the split (a concurrent assignment may still have won: then it is the same refusal). */
export async function pinDocumentSplit(
  db: Db,
  projectId: string,
  documentId: string,
  split: Split,
): Promise<void> {
  const result = await pinSplit(db, projectId, documentId, split);
  if (!result.pinned) throw splitTaken(documentId, result.split, split);
}

function splitTaken(documentId: string, current: Split, asked: Split) {
  return new PagewiseError(
    "split_already_assigned",
    `Document '${documentId}' is already in the ${current} split; a split never changes, so it cannot move to ${asked}.`,
    { split: current },
  );
}
