import { Counter, Gauge } from "prom-client";
import { metricsEnabled, registry } from "./registry";

/** What became of a file in the consume folder (docs/consume-folder.md). */
export const CONSUME_OUTCOMES = ["consumed", "duplicate", "failed"] as const;
export type ConsumeOutcome = (typeof CONSUME_OUTCOMES)[number];

const consumedFiles = new Counter({
  name: "pagewise_consume_files_total",
  help: "Files the consume folder handled: consumed (a new document), duplicate (its bytes were already a document of the project), failed (moved to failed/ with a reason).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

const pendingFiles = new Gauge({
  name: "pagewise_consume_pending_files",
  help: "Files waiting in the consume folder at the last scan (still being written, or not yet handled).",
  registers: [registry],
});

const lastScan = new Gauge({
  name: "pagewise_consume_last_scan_timestamp_seconds",
  help: "When this API process last scanned the consume folder (Unix seconds); 0 before its first scan.",
  registers: [registry],
});

/** Create the series at zero (a series born with its first event is invisible to `increase()`). */
export function initConsumeMetrics(): void {
  if (!metricsEnabled()) return;
  for (const outcome of CONSUME_OUTCOMES) consumedFiles.inc({ outcome }, 0);
  pendingFiles.set(0);
  lastScan.set(0);
}

/** One file handled by the consume folder. */
export function recordConsumedFile(outcome: ConsumeOutcome): void {
  if (metricsEnabled()) consumedFiles.inc({ outcome });
}

/** One scan of the consume folder finished with `pending` files left waiting. */
export function recordConsumeScan(pending: number, at: Date): void {
  if (!metricsEnabled()) return;
  pendingFiles.set(pending);
  lastScan.set(at.getTime() / 1000);
}
