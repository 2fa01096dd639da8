import type { Kysely } from "kysely";

/**
 * Deleting a document releases its blobs only when no other row points at them
 * (`isBlobReferenced`): these indexes keep that check from scanning every page and document.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("documents_blob_key").on("documents").column("blob_key").execute();
  await db.schema.createIndex("pages_image_key").on("pages").column("image_key").execute();
}
