import type { Kysely } from "kysely";

/**
 * Model results per document, reviews (the labels), the model registry (registered models,
 * immutable versions, movable aliases with an append-only history), frozen dataset snapshots and
 * training runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // What the review queue sorts and filters by, set when a document is finalized.
  await db.schema.alterTable("documents").addColumn("category", "text").execute();
  await db.schema.alterTable("documents").addColumn("min_confidence", "real").execute();
  await db.schema
    .alterTable("documents")
    .addColumn("audit_sampled", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // Labels that came with an imported document; finalize turns them into an `import` review.
  await db.schema.alterTable("documents").addColumn("import_labels", "text").execute();
  await db.schema
    .createIndex("documents_review_queue")
    .on("documents")
    .columns(["project_id", "status", "min_confidence"])
    .execute();

  // The latest classification / extraction of a document, with the model version that made it.
  await db.schema
    .createTable("document_results")
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("model_version_id", "text")
    .addColumn("model_version", "integer")
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_results_pk", ["document_id", "kind"])
    .execute();

  // Every review ever saved (append-only); a document's labels are its latest complete review.
  await db.schema
    .createTable("reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("complete", "integer", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("previous", "text", (c) => c.notNull())
    .addColumn("label_schema_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reviews_document")
    .on("reviews")
    .columns(["document_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("reviews_project_complete")
    .on("reviews")
    .columns(["project_id", "complete", "created_at"])
    .execute();

  await db.schema
    .createTable("registered_models")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("registered_models_project_kind", ["project_id", "kind"])
    .execute();

  await db.schema
    .createTable("model_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("registered_model_id", "text", (c) =>
      c.notNull().references("registered_models.id").onDelete("cascade"),
    )
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("training_run_id", "text")
    .addColumn("artifacts", "text", (c) => c.notNull())
    .addColumn("lineage", "text", (c) => c.notNull())
    .addColumn("metrics", "text")
    .addColumn("gate_report", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("model_versions_number", ["registered_model_id", "version"])
    .execute();

  await db.schema
    .createTable("model_aliases")
    .addColumn("registered_model_id", "text", (c) =>
      c.notNull().references("registered_models.id").onDelete("cascade"),
    )
    .addColumn("alias", "text", (c) => c.notNull())
    .addColumn("model_version_id", "text", (c) => c.notNull().references("model_versions.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("model_aliases_pk", ["registered_model_id", "alias"])
    .execute();

  await db.schema
    .createTable("alias_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("registered_model_id", "text", (c) =>
      c.notNull().references("registered_models.id").onDelete("cascade"),
    )
    .addColumn("alias", "text", (c) => c.notNull())
    .addColumn("from_version", "integer")
    .addColumn("to_version", "integer")
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("alias_history_model")
    .on("alias_history")
    .columns(["registered_model_id", "created_at"])
    .execute();

  // Which split a labeled document belongs to: assigned once, never changed, so the
  // validation set only grows and champion and challenger are scored on the same documents.
  await db.schema
    .createTable("dataset_assignments")
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("split", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dataset_assignments_pk", ["project_id", "document_id"])
    .execute();

  await db.schema
    .createTable("dataset_snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("label_schema_version", "integer", (c) => c.notNull())
    .addColumn("train_count", "integer", (c) => c.notNull())
    .addColumn("validation_count", "integer", (c) => c.notNull())
    .addColumn("blob_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("training_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("snapshot_id", "text")
    .addColumn("reviews_at_start", "integer", (c) => c.notNull())
    .addColumn("progress", "text", (c) => c.notNull())
    .addColumn("outcome", "text")
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("training_runs_project")
    .on("training_runs")
    .columns(["project_id", "created_at"])
    .execute();

  // At most one retraining per project: the row is the lock, taken by insert, released at the end.
  await db.schema
    .createTable("training_locks")
    .addColumn("project_id", "text", (c) =>
      c.primaryKey().references("projects.id").onDelete("cascade"),
    )
    .addColumn("training_run_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
