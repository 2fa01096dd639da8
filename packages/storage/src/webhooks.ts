import {
  newId,
  type RecordedEvent,
  WEBHOOK_SOURCE_EVENT_TYPES,
  type WebhookEventType,
  WebhookEventTypeSchema,
} from "@pagewise/core";
import type { Selectable } from "kysely";
import { encodeCursor, type Page, type PageQuery, pageOf, pastCursor } from "./keyset-cursor";
import type { Db, WebhooksTable } from "./schema";
import { nowIso } from "./time";
import { generateWebhookSecret, openWebhookSecret, sealWebhookSecret } from "./webhook-secrets";

/** A project's subscription to some events; the secret is never part of it. */
export interface Webhook {
  id: string;
  projectId: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Why it was disabled (`too_many_failures`), null while enabled. */
  disabledReason: string | null;
  /** Failed attempts in a row; a success resets it. */
  consecutiveFailures: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    projectId: row.project_id,
    url: row.url,
    events: (JSON.parse(row.events) as string[]).flatMap((e) => {
      const parsed = WebhookEventTypeSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    }),
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Subscribe `url` to `events`. Without a secret one is generated; either way it is returned
 * here only (stored sealed by the master key when the handle encrypts). The webhook receives
 * events recorded from now on.
 */
export async function createWebhook(
  db: Db,
  input: {
    projectId: string;
    url: string;
    events: readonly WebhookEventType[];
    secret?: string | undefined;
    createdBy?: string | null;
  },
): Promise<{ webhook: Webhook; secret: string }> {
  const id = newId("whk");
  const secret = input.secret ?? generateWebhookSecret();
  const now = nowIso();
  const row = {
    id,
    project_id: input.projectId,
    url: input.url,
    events: JSON.stringify([...new Set(input.events)]),
    ...sealWebhookSecret(db, id, secret),
    enabled: 1,
    disabled_reason: null,
    consecutive_failures: 0,
    cursor_at: now,
    active_since: now,
    created_by: input.createdBy ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto("webhooks").values(row).execute();
  return { webhook: toWebhook(row), secret };
}

export async function getWebhook(db: Db, projectId: string, id: string): Promise<Webhook | null> {
  const row = await db
    .selectFrom("webhooks")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toWebhook(row) : null;
}

/** A webhook by id with its clear secret (the worker signs with it). */
export async function getWebhookWithSecret(
  db: Db,
  id: string,
): Promise<{ webhook: Webhook; secret: string } | null> {
  const row = await db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? { webhook: toWebhook(row), secret: openWebhookSecret(db, row) } : null;
}

/** The project's webhooks, oldest first, keyset-paged on (created_at, id). */
export async function listWebhooksPage(
  db: Db,
  projectId: string,
  query: PageQuery,
): Promise<Page<Webhook>> {
  let q = db.selectFrom("webhooks").selectAll().where("project_id", "=", projectId);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "asc"));
  const rows = await q
    .orderBy("created_at")
    .orderBy("id")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toWebhook, (w) => encodeCursor(w.createdAt, w.id));
}

/** Change a webhook; enabling it again clears its failure count. Null when there is none. */
export async function updateWebhook(
  db: Db,
  projectId: string,
  id: string,
  patch: { url?: string; events?: readonly WebhookEventType[]; enabled?: boolean },
): Promise<Webhook | null> {
  const set: Partial<Selectable<WebhooksTable>> = { updated_at: nowIso() };
  if (patch.url !== undefined) set.url = patch.url;
  if (patch.events !== undefined) set.events = JSON.stringify([...new Set(patch.events)]);
  if (patch.enabled === true) {
    // Enabled again: it receives events from now on, not what happened while it was disabled.
    const now = nowIso();
    await db
      .updateTable("webhooks")
      .set({ cursor_at: now, active_since: now })
      .where("project_id", "=", projectId)
      .where("id", "=", id)
      .where("enabled", "=", 0)
      .execute();
    Object.assign(set, { enabled: 1, disabled_reason: null, consecutive_failures: 0 });
  } else if (patch.enabled === false) {
    Object.assign(set, { enabled: 0, disabled_reason: "disabled_by_user" });
  }
  await db
    .updateTable("webhooks")
    .set(set)
    .where("project_id", "=", projectId)
    .where("id", "=", id)
    .execute();
  return getWebhook(db, projectId, id);
}

/**
 * Delete a webhook with its delivery log; false when there was none. Pass a transaction as `db`
 * so that both go together.
 */
export async function deleteWebhook(db: Db, projectId: string, id: string): Promise<boolean> {
  const owned = await getWebhook(db, projectId, id);
  if (!owned) return false;
  await db.deleteFrom("webhook_deliveries").where("webhook_id", "=", id).execute();
  const result = await db
    .deleteFrom("webhooks")
    .where("project_id", "=", projectId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * After a delivery attempt: a success clears the failure count; a failure adds one, and the
 * `disableAfter`-th in a row disables the webhook (`too_many_failures`). Returns whether this
 * call disabled it.
 */
export async function recordWebhookAttempt(
  db: Db,
  id: string,
  ok: boolean,
  disableAfter: number,
): Promise<{ disabled: boolean }> {
  if (ok) {
    await db
      .updateTable("webhooks")
      .set({ consecutive_failures: 0 })
      .where("id", "=", id)
      .execute();
    return { disabled: false };
  }
  await db
    .updateTable("webhooks")
    .set((eb) => ({ consecutive_failures: eb("consecutive_failures", "+", 1) }))
    .where("id", "=", id)
    .execute();
  const result = await db
    .updateTable("webhooks")
    .set({ enabled: 0, disabled_reason: "too_many_failures", updated_at: nowIso() })
    .where("id", "=", id)
    .where("enabled", "=", 1)
    .where("consecutive_failures", ">=", disableAfter)
    .executeTakeFirst();
  return { disabled: Number(result.numUpdatedRows) > 0 };
}

/**
 * Every enabled webhook with how far it has read its project's events (`cursorAt`) and since
 * when it takes events (`activeSince`: created or enabled again).
 */
export async function listEnabledWebhooks(
  db: Db,
): Promise<(Webhook & { cursorAt: string; activeSince: string })[]> {
  const rows = await db.selectFrom("webhooks").selectAll().where("enabled", "=", 1).execute();
  return rows.map((r) => ({ ...toWebhook(r), cursorAt: r.cursor_at, activeSince: r.active_since }));
}

/** Move a webhook's read position forward (never back). */
export async function advanceWebhookCursor(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable("webhooks")
    .set({ cursor_at: at })
    .where("id", "=", id)
    .where("cursor_at", "<", at)
    .execute();
}

/**
 * A project's recorded events that can become webhook events, at or after `since`, past the
 * keyset position `after` (created_at, id), oldest first.
 */
export async function listWebhookSourceEvents(
  db: Db,
  projectId: string,
  since: string,
  after: { createdAt: string; id: string } | null,
  limit: number,
): Promise<RecordedEvent[]> {
  let q = db
    .selectFrom("events")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("type", "in", [...WEBHOOK_SOURCE_EVENT_TYPES])
    .where("created_at", ">=", since);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("created_at", ">", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", ">", after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy("created_at").orderBy("id").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    documentId: r.document_id,
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
}
