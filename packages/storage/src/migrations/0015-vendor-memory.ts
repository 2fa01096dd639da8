import type { Kysely } from "kysely";

/**
 * The vendor memory (docs/vendor-memory.md): one row per reviewed document of a project with what
 * its latest complete review taught — the vendor (`vendor_key`, null when none could be told)
 * and where each field was printed (`data`, encrypted with the document's key like its other
 * values). `review_created_at` says which review it was learned from, so a newer review of the
 * same document replaces it. Rows go with their document or project (cascade). A new table
 * only: API and workers of the previous release run unchanged against it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("vendor_memory")
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("review_id", "text", (c) => c.notNull())
    .addColumn("review_created_at", "text", (c) => c.notNull())
    .addColumn("vendor_key", "text")
    .addColumn("data", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vendor_memory_pk", ["project_id", "document_id"])
    .execute();
  await db.schema
    .createIndex("vendor_memory_project_created")
    .on("vendor_memory")
    .columns(["project_id", "review_created_at"])
    .execute();
}
