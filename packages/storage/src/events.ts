import { newId } from "@pagewise/core";
import type { Kysely } from "kysely";
import type { Database } from "./schema";
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
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    documentId: r.document_id,
    type: r.type,
    actor: r.actor,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}
