import { newId } from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import { encodeCursor, type Page, type PageQuery, pageOf, pastCursor } from "./keyset-cursor";
import type { Database, EventsTable } from "./schema";
import { nowIso } from "./time";

export interface AuditEvent {
  id: string;
  projectId: string;
  documentId: string | null;
  type: string;
  actor: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

/** Append to the audit trail. Data holds ids and codes, never document text. */
export async function recordEvent(
  db: Kysely<Database>,
  event: {
    projectId: string;
    documentId?: string | null;
    type: string;
    actor?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto("events")
    .values({
      id: newId("evt"),
      project_id: event.projectId,
      document_id: event.documentId ?? null,
      type: event.type,
      actor: event.actor ?? null,
      data: JSON.stringify(event.data ?? {}),
      created_at: nowIso(),
    })
    .execute();
}

export async function listDocumentEvents(
  db: Kysely<Database>,
  documentId: string,
): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("id")
    .execute();
  return rows.map(toEvent);
}

function toEvent(r: Selectable<EventsTable>): AuditEvent {
  return {
    id: r.id,
    projectId: r.project_id,
    documentId: r.document_id,
    type: r.type,
    actor: r.actor,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.created_at,
  };
}

/** A document's events, oldest first, keyset-paged on (created_at, id). */
export async function listDocumentEventsPage(
  db: Kysely<Database>,
  documentId: string,
  query: PageQuery,
): Promise<Page<AuditEvent>> {
  let q = db.selectFrom("events").selectAll().where("document_id", "=", documentId);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "asc"));
  const rows = await q
    .orderBy("created_at")
    .orderBy("id")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toEvent, (e) => encodeCursor(e.createdAt, e.id));
}
