import type { Kysely } from "kysely";

/**
 * Model monitoring: what each live document looked like (drift), the reference profile of each
 * pair of champions, and the predictions of challengers made in the shadow of the champion.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per finalized live document: its observation (pages, density, OCR, scripts,
  // category, confidences) and the champion versions that served it.
  await db.schema
    .createTable("document_observations")
    .addColumn("document_id", "text", (c) =>
      c.primaryKey().references("documents.id").onDelete("cascade"),
    )
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("classifier_version_id", "text")
    .addColumn("extractor_version_id", "text")
    .addColumn("observation", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("document_observations_project")
    .on("document_observations")
    .columns(["project_id", "created_at"])
    .execute();

  // The reference a live window is compared with: built from the validation documents when a
  // pair of champions starts serving. '' stands for "no champion of that kind".
  await db.schema
    .createTable("drift_references")
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("classifier_version_id", "text", (c) => c.notNull())
    .addColumn("extractor_version_id", "text", (c) => c.notNull())
    .addColumn("profile", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("drift_references_pk", [
      "project_id",
      "classifier_version_id",
      "extractor_version_id",
    ])
    .execute();

  // A challenger's prediction on a live document, never served: keyed like document_results
  // plus the version, so a retried stage writes the same row again.
  await db.schema
    .createTable("shadow_results")
    .addColumn("document_id", "text", (c) =>
      c.notNull().references("documents.id").onDelete("cascade"),
    )
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("model_version_id", "text", (c) => c.notNull())
    .addColumn("model_version", "integer", (c) => c.notNull())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("shadow_results_pk", ["document_id", "kind", "model_version_id"])
    .execute();
  await db.schema
    .createIndex("shadow_results_version")
    .on("shadow_results")
    .columns(["model_version_id", "created_at"])
    .execute();
}
