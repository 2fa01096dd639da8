import type { Kysely } from "kysely";

/** Projects, tokens, documents, pages (the reading result) and the audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("settings", "text", (c) => c.notNull())
    .addColumn("label_schema", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("mime", "text")
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addColumn("page_count", "integer")
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("idempotency_key", "text")
    .addColumn("pipeline_run", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("has_imported_layout", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("processed_at", "text")
    .execute();
  await db.schema
    .createIndex("documents_project_status")
    .on("documents")
    .columns(["project_id", "status", "created_at"])
    .execute();
  await db.schema
    .createIndex("documents_status_updated")
    .on("documents")
    .columns(["status", "updated_at"])
    .execute();
  await db.schema
    .createIndex("documents_idempotency")
    .on("documents")
    .columns(["project_id", "idempotency_key"])
    .unique()
    .execute();
  await db.schema.createIndex("documents_sha256").on("documents").column("sha256").execute();

  await db.schema
    .createTable("pages")
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("page_index", "integer", (c) => c.notNull())
    .addColumn("width", "real", (c) => c.notNull())
    .addColumn("height", "real", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("tokens", "text", (c) => c.notNull())
    .addColumn("image_key", "text")
    .addColumn("error_code", "text")
    .addColumn("error_message", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("pages_pk", ["document_id", "page_index"])
    .execute();

  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("document_id", "text")
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor", "text")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("events_document")
    .on("events")
    .columns(["document_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("events_project_type")
    .on("events")
    .columns(["project_id", "type", "created_at"])
    .execute();
}
