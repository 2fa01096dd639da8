import { Counter } from "prom-client";
import { metricsEnabled, registry } from "./registry";

/** The quotas of a project that refuse requests (docs/quotas.md). */
export const QUOTA_NAMES = ["documentsPerDay", "pagesPerDay", "concurrentRetrainings"] as const;

const refusals = new Counter({
  name: "pagewise_quota_refusals_total",
  help: "Uploads and retrain requests a project quota refused (429 quota_exceeded), by quota.",
  labelNames: ["quota"] as const,
  registers: [registry],
});

/** Create the series at zero (a series born with its first event is invisible to `increase()`). */
export function initQuotaMetrics(): void {
  if (!metricsEnabled()) return;
  for (const quota of QUOTA_NAMES) refusals.inc({ quota }, 0);
}

/** One request refused by a project's quota. */
export function recordQuotaRefusal(quota: string): void {
  if (metricsEnabled()) refusals.inc({ quota });
}
