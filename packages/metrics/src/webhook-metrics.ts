import { Counter } from "prom-client";
import { metricsEnabled, registry } from "./registry";

/**
 * What one delivery attempt came to: `succeeded` (a 2xx), `retrying` (failed, another attempt
 * is scheduled), `failed` (failed, no attempt left) or `skipped` (its webhook was disabled).
 */
export type WebhookDeliveryOutcome = "succeeded" | "retrying" | "failed" | "skipped";

const WEBHOOK_OUTCOMES: readonly WebhookDeliveryOutcome[] = [
  "succeeded",
  "retrying",
  "failed",
  "skipped",
];

const deliveries = new Counter({
  name: "pagewise_webhook_deliveries_total",
  help: "Webhook delivery attempts by outcome: succeeded, retrying, failed (no attempt left), skipped (webhook disabled).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

/** Start every outcome at 0, so rates and alerts see the series before the first delivery. */
export function initWebhookMetrics(): void {
  if (!metricsEnabled()) return;
  for (const outcome of WEBHOOK_OUTCOMES) deliveries.labels(outcome).inc(0);
}

export function recordWebhookDelivery(outcome: WebhookDeliveryOutcome): void {
  if (!metricsEnabled()) return;
  deliveries.labels(outcome).inc();
}
