import type { Kysely } from "kysely";

/**
 * Upload quotas (docs/quotas.md) count a project's documents uploaded in the last 24 hours and
 * their pages: this index makes that a range read of the window, never a scan of `documents`.
 * Only an index: API and workers of the previous release run unchanged against it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("documents_project_created")
    .on("documents")
    .columns(["project_id", "created_at"])
    .execute();
}
