import { type Kysely, sql } from "kysely";

/**
 * Indexes that keep the document list and the review queue one index range read per page at any
 * project size (bench/list-latency.ts measures them at 100,000 documents):
 *  - `documents_project_created_id`: the list's default order (`-created`, then `id`) as an
 *    index, so a page (first or after a cursor) reads `limit + 1` entries and never sorts.
 *  - `documents_review_queue_keyset`: only the documents in the review queue (needs review, or
 *    processed and sampled for audit), in the queue's order (lowest confidence first, no
 *    extraction as -1, then oldest, then id). The queue's page, its count and its oldest entry
 *    read this small index, not `documents` (status and audit_sampled are in it so that the
 *    count reads only the index: SQLite does not count a partial index's condition as covered).
 *    The expression and the condition must stay exactly
 *    as `listReviewQueue` writes them (SQLite matches them textually).
 * Only indexes: API and workers of the previous release run unchanged against them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("documents_project_created_id")
    .on("documents")
    .columns(["project_id", "created_at", "id"])
    .execute();
  await sql`create index documents_review_queue_keyset on documents
    (project_id, coalesce(min_confidence, -1), created_at, id, status, audit_sampled)
    where (status = 'needs_review' or (status = 'processed' and audit_sampled = 1))`.execute(db);
}
