import { newId } from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import { encodeCursor, type Page, pageOf, pastCursor } from "./keyset-cursor";
import { escapeLike, likeEscaped } from "./like-pattern";
import type { AuditEventsTable, Database } from "./schema";
import { nowIso } from "./time";

/** Who acted: an API token today, a signed-in user, the system itself, or nobody known. */
export type AuditActorKind = "token" | "user" | "system" | "anonymous";

export interface AuditActor {
  kind: AuditActorKind;
  id: string | null;
  /** The name at the time (a token's or user's name may change or the row may go later). */
  name: string | null;
}

export interface NewAuditEvent {
  projectId: string;
  actor: AuditActor;
  /** Dotted, past tense: `token.created`, `document.deleted`, `auth.failed`. */
  action: string;
  target?: { type: string; id: string } | null;
  /** Ids, codes and changed settings; never document text, file contents or secrets. */
  details?: Record<string, unknown>;
  remoteAddress?: string | null;
  userAgent?: string | null;
}

export interface AuditEventRecord {
  id: string;
  projectId: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
  remoteAddress: string | null;
  userAgent: string | null;
}

export interface AuditEventQuery {
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | undefined;
  /** An exact action, or a prefix ending in `*` (`token.*`). */
  action?: string | undefined;
  /** An actor id (`tok_…`, `usr_…`). */
  actor?: string | undefined;
  targetId?: string | undefined;
  /** ISO-8601 times: `since` inclusive, `until` exclusive. */
  since?: string | undefined;
  until?: string | undefined;
}

/** User agents are kept short: enough to tell a browser from a script. */
const MAX_USER_AGENT = 300;

function toRecord(row: Selectable<AuditEventsTable>): AuditEventRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    at: row.at,
    actor: {
      kind: row.actor_kind as AuditActorKind,
      id: row.actor_id,
      name: row.actor_name,
    },
    action: row.action,
    target:
      row.target_type !== null && row.target_id !== null
        ? { type: row.target_type, id: row.target_id }
        : null,
    details: JSON.parse(row.details) as Record<string, unknown>,
    remoteAddress: row.remote_address,
    userAgent: row.user_agent,
  };
}

/**
 * Append one event to the project's audit log. Pass a transaction as `db` to write it with the
 * change it describes. It throws like any write: callers never swallow the failure.
 */
export async function recordAuditEvent(
  db: Kysely<Database>,
  event: NewAuditEvent,
): Promise<AuditEventRecord> {
  const row = {
    id: newId("aud"),
    project_id: event.projectId,
    at: nowIso(),
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_name: event.actor.name,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    details: JSON.stringify(event.details ?? {}),
    remote_address: event.remoteAddress ?? null,
    user_agent: event.userAgent ? event.userAgent.slice(0, MAX_USER_AGENT) : null,
  };
  await db.insertInto("audit_events").values(row).execute();
  return toRecord(row);
}

/** Newest first, keyset-paged on (at, id), filtered by action, actor, target and time. */
export async function listAuditEvents(
  db: Kysely<Database>,
  projectId: string,
  query: AuditEventQuery,
): Promise<Page<AuditEventRecord>> {
  let q = db.selectFrom("audit_events").selectAll().where("project_id", "=", projectId);
  if (query.action) {
    if (query.action.endsWith("*")) {
      const prefix = escapeLike(query.action.slice(0, -1));
      q = q.where((eb) => likeEscaped(eb.ref("action"), `${prefix}%`));
    } else {
      q = q.where("action", "=", query.action);
    }
  }
  if (query.actor) q = q.where("actor_id", "=", query.actor);
  if (query.targetId) q = q.where("target_id", "=", query.targetId);
  if (query.since) q = q.where("at", ">=", query.since);
  if (query.until) q = q.where("at", "<", query.until);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "desc", "at"));
  const rows = await q
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toRecord, (e) => encodeCursor(e.at, e.id));
}
