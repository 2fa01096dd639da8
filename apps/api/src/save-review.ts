import type { Classification, ExtractedField } from "@pagewise/core";
import { PagewiseError } from "@pagewise/core";
import {
  type Db,
  type DocumentRecord,
  getDocumentResults,
  getPages,
  insertReview,
  type LabeledField,
  type Project,
  type Review,
  recordEvent,
  transitionDocument,
} from "@pagewise/storage";
import { checkLabelsAgainstSchema } from "./check-labels";

export interface ReviewInput {
  category?: string | undefined;
  fields: { name: string; value: string; tokenIds?: string[] | undefined }[];
  complete: boolean;
}

const squash = (v: string) => v.trim().replace(/\s+/g, " ");

/**
 * Store a reviewer's labels for a document with what the models had predicted (and which
 * versions), so accepted-as-is and corrected are both known. A field given with `tokenIds` is
 * labeled exactly; a value without tokens is aligned to the page when the training set is built.
 * A complete review makes the document `reviewed`: training data from then on.
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

  const known = new Set<string>();
  for (const page of await getPages(db, document.id)) for (const t of page.tokens) known.add(t.id);
  const unknown = review.fields.flatMap((f) => f.tokenIds ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new PagewiseError(
      "validation_failed",
      `Unknown token ids: ${unknown.slice(0, 5).join(", ")}.`,
    );
  }

  const fields: LabeledField[] = review.fields.map((f) => {
    const before = predicted.filter((p) => p.name === f.name);
    const verdict =
      before.length === 0
        ? "added"
        : before.some((p) => squash(p.value) === squash(f.value))
          ? "accepted"
          : "corrected";
    return {
      name: f.name,
      value: f.value,
      normalized: null,
      tokenIds: f.tokenIds ?? [],
      aligned: false,
      verdict,
    };
  });
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
    previous: {
      classification: classification ?? null,
      classifierVersion: results.classification?.modelVersion ?? null,
      fields: predicted,
      extractorVersion: results.extraction?.modelVersion ?? null,
    },
    labelSchemaVersion: project.labelSchema.version,
  });
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
    },
  });
  return saved;
}
