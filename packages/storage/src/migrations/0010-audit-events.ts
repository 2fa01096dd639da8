import type { Kysely } from "kysely";

/**
 * The project's audit log: who (a token today, a signed-in user later) did what to which
 * target, when, and from where. Append-only; paged newest first by (at, id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) =>
      c.notNull().references("projects.id").onDelete("cascade"),
    )
    .addColumn("at", "text", (c) => c.notNull())
    // `token`, `user`, `system` or `anonymous` (a failed sign-in); id and name as they were then.
    .addColumn("actor_kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("remote_address", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema
    .createIndex("audit_events_project_at")
    .on("audit_events")
    .columns(["project_id", "at", "id"])
    .execute();
  await db.schema
    .createIndex("audit_events_project_action_at")
    .on("audit_events")
    .columns(["project_id", "action", "at"])
    .execute();
  await db.schema
    .createIndex("audit_events_project_actor_at")
    .on("audit_events")
    .columns(["project_id", "actor_id", "at"])
    .execute();
  await db.schema
    .createIndex("audit_events_project_target_at")
    .on("audit_events")
    .columns(["project_id", "target_id", "at"])
    .execute();
}
