import { SIGNATURE_HEADER, signWebhookPayload } from "@pagewise/client";
import { recordWebhookDelivery } from "@pagewise/metrics";
import { jobIds } from "@pagewise/queue";
import {
  getWebhookDeliveryById,
  getWebhookWithSecret,
  recordWebhookAttempt,
  recordWebhookDeliveryAttempt,
  skipWebhookDelivery,
} from "@pagewise/storage";
import type { WebhookSettings } from "../deps";
import type { JobHandler } from "../job-registry";
import { postWebhook } from "./post-webhook";

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivate: false,
  timeoutMs: 10_000,
  maxAttempts: 8,
  backoffMs: 10_000,
  disableAfter: 20,
};

const MAX_BACKOFF_MS = 3_600_000;

/** The wait before attempt `attempt + 1`: `backoffMs`, doubling each time, at most an hour. */
export function webhookBackoffMs(backoffMs: number, attempt: number): number {
  return Math.min(backoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/**
 * `webhook.deliver`: one attempt of one delivery. The body is signed now (a fresh timestamp per
 * attempt), POSTed, and the attempt recorded (compare-and-set on the attempt number: a
 * duplicated job does nothing). A failure schedules the next attempt with exponential back-off
 * until `maxAttempts`; `disableAfter` failed attempts in a row disable the webhook, and its
 * pending deliveries are then skipped.
 */
export const deliverWebhook: JobHandler<"webhook.deliver"> = async (payload, { deps, log }) => {
  const settings = deps.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;
  const { deliveryId, attempt } = payload;
  const delivery = await getWebhookDeliveryById(deps.db, deliveryId);
  if (delivery?.status !== "pending" || delivery.attempts !== attempt - 1) {
    return { skipped: true };
  }
  const found = await getWebhookWithSecret(deps.db, delivery.webhookId);
  if (!found?.webhook.enabled) {
    await skipWebhookDelivery(deps.db, deliveryId, found ? "webhook_disabled" : "webhook_deleted");
    recordWebhookDelivery("skipped");
    return { skipped: true };
  }
  const { webhook, secret } = found;
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await postWebhook(
    webhook.url,
    delivery.payload,
    {
      "Content-Type": "application/json",
      "User-Agent": "Pagewise-Webhooks/1",
      [SIGNATURE_HEADER]: await signWebhookPayload(secret, delivery.payload, timestamp),
      "Pagewise-Event": delivery.eventType,
      "Pagewise-Delivery": delivery.id,
    },
    { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivate },
  );
  const ok = result.error === null;
  const last = attempt >= settings.maxAttempts;
  const delay = webhookBackoffMs(settings.backoffMs, attempt);
  const status = ok ? "succeeded" : last ? "failed" : "pending";
  const recorded = await recordWebhookDeliveryAttempt(deps.db, deliveryId, attempt, {
    status,
    responseStatus: result.status,
    error: result.error,
    durationMs: result.durationMs,
    nextAttemptAt: status === "pending" ? new Date(Date.now() + delay).toISOString() : null,
  });
  if (!recorded) return { skipped: true };
  const { disabled } = await recordWebhookAttempt(deps.db, webhook.id, ok, settings.disableAfter);
  if (disabled) {
    log.warn(
      { webhookId: webhook.id, failures: settings.disableAfter },
      "webhook disabled after failed attempts in a row",
    );
  }
  log.info(
    { webhookId: webhook.id, deliveryId, attempt, status: result.status, error: result.error },
    ok ? "webhook delivered" : "webhook attempt failed",
  );
  if (status !== "pending") {
    recordWebhookDelivery(status);
    return { status };
  }
  if (disabled) {
    await skipWebhookDelivery(deps.db, deliveryId, "webhook_disabled");
    recordWebhookDelivery("failed");
    return { status: "skipped" };
  }
  recordWebhookDelivery("retrying");
  await deps.producer.enqueue(
    "webhook.deliver",
    { deliveryId, attempt: attempt + 1 },
    { jobId: jobIds.webhookDelivery(deliveryId, attempt + 1), delay },
  );
  return { status, retryInMs: delay };
};
