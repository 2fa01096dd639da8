import { newId, type WebhookEventType, type WebhookPayload } from "@pagewise/core";
import type { Selectable } from "kysely";
import { encodeCursor, type Page, type PageQuery, pageOf, pastCursor } from "./keyset-cursor";
import type { Db, WebhookDeliveriesTable } from "./schema";
import { nowIso } from "./time";

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed" | "skipped";

/** One event sent (or being sent) to one webhook, with its latest attempt. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  projectId: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The body sent, exactly. */
  payload: string;
  /** The delivery this one repeats (a manual redelivery), else null. */
  redeliveryOf: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's HTTP status of the latest attempt (null: no answer). */
  responseStatus: number | null;
  /** Why the latest attempt failed (`http_500`, `timeout`, `network: …`, `url_not_allowed: …`). */
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  completedAt: string | null;
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    projectId: row.project_id,
    eventId: row.event_id,
    eventType: row.event_type as WebhookEventType,
    payload: row.payload,
    redeliveryOf: row.redelivery_of,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    responseStatus: row.response_status,
    error: row.error,
    durationMs: row.duration_ms,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/**
 * A pending delivery of `event` to a webhook. A first delivery is keyed by the event (a second
 * insert of the same event for the same webhook does nothing and returns null); a redelivery
 * (`redeliveryOf`) is always new.
 */
export async function insertWebhookDelivery(
  db: Db,
  input: { webhookId: string; event: WebhookPayload; redeliveryOf?: string | null },
): Promise<WebhookDelivery | null> {
  const id = newId("whd");
  const now = nowIso();
  const row = {
    id,
    webhook_id: input.webhookId,
    project_id: input.event.projectId,
    event_id: input.event.id,
    event_type: input.event.type,
    dedupe_key: input.redeliveryOf ? id : input.event.id,
    payload: JSON.stringify(input.event),
    redelivery_of: input.redeliveryOf ?? null,
    status: "pending",
    attempts: 0,
    next_attempt_at: now,
    last_attempt_at: null,
    response_status: null,
    error: null,
    duration_ms: null,
    created_at: now,
    completed_at: null,
  };
  const result = await db
    .insertInto("webhook_deliveries")
    .values(row)
    .onConflict((oc) => oc.columns(["webhook_id", "dedupe_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? toDelivery(row) : null;
}

export async function getWebhookDelivery(
  db: Db,
  webhookId: string,
  id: string,
): Promise<WebhookDelivery | null> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

export async function getWebhookDeliveryById(db: Db, id: string): Promise<WebhookDelivery | null> {
  const row = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/** A webhook's deliveries, newest first, keyset-paged on (created_at, id). */
export async function listWebhookDeliveriesPage(
  db: Db,
  webhookId: string,
  query: PageQuery,
): Promise<Page<WebhookDelivery>> {
  let q = db.selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", webhookId);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "desc"));
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toDelivery, (d) => encodeCursor(d.createdAt, d.id));
}

/**
 * Record attempt `attempt` (1-based) of a pending delivery: compare-and-set on the attempts
 * made before it, so a duplicated job records nothing twice. `next` is when to try again
 * (`status` stays `pending`); without it the delivery ends with `status`. False when another
 * attempt was recorded first.
 */
export async function recordWebhookDeliveryAttempt(
  db: Db,
  id: string,
  attempt: number,
  result: {
    status: WebhookDeliveryStatus;
    responseStatus: number | null;
    error: string | null;
    durationMs: number | null;
    nextAttemptAt: string | null;
  },
): Promise<boolean> {
  const now = nowIso();
  const updated = await db
    .updateTable("webhook_deliveries")
    .set({
      status: result.status,
      attempts: attempt,
      last_attempt_at: now,
      response_status: result.responseStatus,
      error: result.error,
      duration_ms: result.durationMs,
      next_attempt_at: result.status === "pending" ? result.nextAttemptAt : null,
      completed_at: result.status === "pending" ? null : now,
    })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .where("attempts", "=", attempt - 1)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** End a pending delivery without an attempt (its webhook is disabled or gone). */
export async function skipWebhookDelivery(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set((eb) => ({
      status: "skipped",
      // A failed attempt's own error says more than "disabled".
      error: eb.fn.coalesce("error", eb.val(reason)),
      next_attempt_at: null,
      completed_at: nowIso(),
    }))
    .where("id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/** Pending deliveries whose next attempt is due since before `dueBefore` (their job may be lost). */
export async function listOverdueWebhookDeliveries(
  db: Db,
  dueBefore: string,
  limit = 500,
): Promise<WebhookDelivery[]> {
  const rows = await db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<", dueBefore)
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();
  return rows.map(toDelivery);
}
