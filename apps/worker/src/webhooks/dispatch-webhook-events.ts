import { webhookEventsFor } from "@pagewise/core";
import { jobIds } from "@pagewise/queue";
import {
  advanceWebhookCursor,
  insertWebhookDelivery,
  listEnabledWebhooks,
  listOverdueWebhookDeliveries,
  listWebhookSourceEvents,
} from "@pagewise/storage";
import type { WorkerDeps } from "../deps";

/**
 * Each pass reads again this far behind a webhook's cursor: an event whose row committed a
 * little after a later one (concurrent writers, clocks of several hosts) is still seen. Reading
 * an event twice is harmless: a delivery is keyed by webhook and event.
 */
export const DISPATCH_OVERLAP_MS = 10_000;
/** A pending delivery this long past its due time has lost its job (Redis lost it): re-add it. */
export const OVERDUE_AFTER_MS = 30_000;
const PAGE = 200;

type DispatchDeps = Pick<WorkerDeps, "db" | "producer" | "logger">;

/**
 * The one place where recorded events (`recordEvent`, committed) become webhook deliveries:
 * for every enabled webhook, the project's new events of the types webhooks carry are mapped
 * (`webhookEventsFor`), filtered by the webhook's subscription, stored as pending deliveries
 * and enqueued. Reading the event table, not hooking each writer, means no writer can forget
 * it, and a delivery is only ever made from an event that committed. Several workers may run
 * it at once: deliveries are unique per (webhook, event) and job ids are deterministic.
 */
export async function dispatchWebhookEvents(deps: DispatchDeps): Promise<number> {
  let enqueued = 0;
  for (const hook of await listEnabledWebhooks(deps.db)) {
    // Never an event from before the webhook existed (or was last enabled).
    const since = new Date(
      Math.max(Date.parse(hook.cursorAt) - DISPATCH_OVERLAP_MS, Date.parse(hook.activeSince)),
    ).toISOString();
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const events = await listWebhookSourceEvents(deps.db, hook.projectId, since, after, PAGE);
      for (const event of events) {
        for (const payload of webhookEventsFor(event)) {
          if (!hook.events.includes(payload.type)) continue;
          const delivery = await insertWebhookDelivery(deps.db, {
            webhookId: hook.id,
            event: payload,
          });
          if (!delivery) continue;
          await deps.producer.enqueue(
            "webhook.deliver",
            { deliveryId: delivery.id, attempt: 1 },
            { jobId: jobIds.webhookDelivery(delivery.id, 1) },
          );
          enqueued++;
        }
      }
      const last = events.at(-1);
      if (last) after = { createdAt: last.createdAt, id: last.id };
      if (events.length < PAGE) break;
    }
    if (after) await advanceWebhookCursor(deps.db, hook.id, after.createdAt);
  }
  await requeueOverdueDeliveries(deps);
  return enqueued;
}

/**
 * Pending deliveries long past due lost their job (Redis lost it, or the enqueue after the
 * insert failed): add it again under the same id, or retry it when it failed on an error of
 * ours (a database hiccup).
 */
async function requeueOverdueDeliveries(deps: DispatchDeps): Promise<void> {
  const dueBefore = new Date(Date.now() - OVERDUE_AFTER_MS).toISOString();
  const queue = deps.producer.queue("webhooks");
  for (const delivery of await listOverdueWebhookDeliveries(deps.db, dueBefore)) {
    const attempt = delivery.attempts + 1;
    const jobId = jobIds.webhookDelivery(delivery.id, attempt);
    const job = await queue.getJob(jobId);
    if (job && (await job.isFailed())) {
      await job.retry("failed");
    } else if (!job) {
      await deps.producer.enqueue(
        "webhook.deliver",
        { deliveryId: delivery.id, attempt },
        { jobId },
      );
    }
  }
}

/** Run the dispatcher every `everyMs` (never two passes at once in this process). */
export function startWebhookDispatcher(deps: DispatchDeps, everyMs: number): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    dispatchWebhookEvents(deps)
      .catch((err: unknown) => deps.logger.warn({ err }, "webhook dispatch failed"))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
