import type { Classification, ExtractedField } from "@pagewise/core";
import { type DocumentFilters, whereDocumentFilters } from "./document-queries";
import { getDocumentResults } from "./document-results";
import { type DocumentRecord, toDocumentRecords } from "./documents";
import { encodeCursor, type Page, pastCursor } from "./keyset-cursor";
import { getLatestCompleteReviews, type Review } from "./reviews";
import type { Db } from "./schema";

/** One document as an export writes it: the record, the models' results and its latest review. */
export interface ExportedDocument {
  document: DocumentRecord;
  classification: Classification | null;
  /** The extractor's fields, or null when it has not run. */
  extraction: ExtractedField[] | null;
  /** The latest complete review (or imported labels), decrypted. */
  review: Review | null;
}

/**
 * One batch of an export, oldest document first, keyset-paginated on (created_at, id): an export
 * pages through any number of documents with one batch in memory at a time. Three queries per
 * batch (documents, results, reviews) plus the document keys not cached yet.
 */
export async function listDocumentsForExport(
  db: Db,
  projectId: string,
  filters: DocumentFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ExportedDocument>> {
  let q = whereDocumentFilters(
    db.selectFrom("documents").selectAll().where("project_id", "=", projectId),
    filters,
  );
  if (page.cursor) q = q.where(pastCursor(page.cursor, "asc"));
  const rows = await q
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .limit(page.limit + 1)
    .execute();
  const documents = await toDocumentRecords(db, rows.slice(0, page.limit));
  const ids = documents.map((d) => d.id);
  const [results, reviews] = await Promise.all([
    getDocumentResults(db, ids),
    getLatestCompleteReviews(db, ids),
  ]);
  const exported = documents.map((document) => {
    const r = results.get(document.id) ?? {};
    return {
      document,
      classification: (r.classification?.data as Classification | undefined) ?? null,
      extraction: (r.extraction?.data as ExtractedField[] | undefined) ?? null,
      review: reviews.get(document.id) ?? null,
    };
  });
  const last = documents.at(-1);
  return {
    items: exported,
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
