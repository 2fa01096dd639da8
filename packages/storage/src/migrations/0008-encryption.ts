import type { Kysely } from "kysely";

/**
 * Encryption at rest: the master keys that have wrapped data keys (a start refuses to run
 * without every one not yet retired by a rotation), and one data key per document (wrapped by a
 * master key) for its encrypted columns. A document's key is deleted with the document
 * (crypto-shredding). No foreign key: the key is made before the document row (imported labels
 * are encrypted with it), and `deleteDocument` removes it in its transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("master_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();
  await db.schema
    .createTable("document_keys")
    .addColumn("document_id", "text", (c) => c.primaryKey())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_keys_key_id")
    .on("document_keys")
    .column("key_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("document_keys").execute();
  await db.schema.dropTable("master_keys").execute();
}
