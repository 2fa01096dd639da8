import type { Classification, ExtractedField } from "@pagewise/core";
import { documentCiphers } from "./encryption/field-encryption";
import type { LabeledField } from "./reviews";
import type { Db } from "./schema";

/** A person's completed review of a live document, with what the models had said. */
export interface LiveReview {
  documentId: string;
  /** The document was drawn for audit while confidently processed (an unbiased sample). */
  auditSampled: boolean;
  category: string | null;
  fields: LabeledField[];
  predicted: {
    classification: Classification | null;
    classifierVersion: number | null;
    fields: ExtractedField[];
    extractorVersion: number | null;
  };
  createdAt: string;
}

type Previous = Partial<LiveReview["predicted"]>;

/**
 * Completed reviews by people (imports never count) of a project since a point in time, the
 * latest per document, newest first; a bounded scan of at most `limit` reviews. With
 * `documentIds`, only those documents, at any time.
 */
export async function listLiveReviews(
  db: Db,
  input: { projectId: string; since?: string; documentIds?: readonly string[]; limit: number },
): Promise<LiveReview[]> {
  if (input.documentIds?.length === 0) return [];
  let q = db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .select([
      "reviews.document_id",
      "reviews.category",
      "reviews.fields",
      "reviews.previous",
      "reviews.created_at",
      "documents.audit_sampled",
    ])
    .where("reviews.project_id", "=", input.projectId)
    .where("reviews.complete", "=", 1)
    .where("reviews.source", "=", "review");
  if (input.since) q = q.where("reviews.created_at", ">=", input.since);
  if (input.documentIds) q = q.where("reviews.document_id", "in", [...input.documentIds]);
  const rows = await q
    .orderBy("reviews.created_at", "desc")
    .orderBy("reviews.id", "desc")
    .limit(input.limit)
    .execute();
  const seen = new Set<string>();
  const reviews: LiveReview[] = [];
  const cipherOf = await documentCiphers(
    db,
    rows.map((row) => row.document_id),
  );
  for (const row of rows) {
    if (seen.has(row.document_id)) continue;
    seen.add(row.document_id);
    const cipher = cipherOf(row.document_id);
    const previous = JSON.parse(cipher.decrypt("reviews.previous", row.previous)) as Previous;
    reviews.push({
      documentId: row.document_id,
      auditSampled: row.audit_sampled === 1,
      category: row.category,
      fields: JSON.parse(cipher.decrypt("reviews.fields", row.fields)) as LabeledField[],
      predicted: {
        classification: previous.classification ?? null,
        classifierVersion: previous.classifierVersion ?? null,
        fields: previous.fields ?? [],
        extractorVersion: previous.extractorVersion ?? null,
      },
      createdAt: row.created_at,
    });
  }
  return reviews;
}
