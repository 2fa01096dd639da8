import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The one registry of this process. API and worker each load this module once, so every metric
 * below lives exactly once per process; `GET /metrics` renders it.
 */
export const registry = new Registry();

let enabled = true;
let defaultsStarted = false;

/**
 * `PAGEWISE_METRICS=off`: every `record…`/`set…` helper becomes a no-op, so the cost of metrics
 * can be measured against the same build (bench/pipeline-throughput.ts --metrics both).
 */
export function setMetricsEnabled(on: boolean): void {
  enabled = on;
}

export function metricsEnabled(): boolean {
  return enabled;
}

/** Node's default process metrics (CPU, memory, event loop lag, GC, handles), once per process. */
export function startProcessMetrics(): void {
  if (!enabled || defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: registry });
}

/** The text exposition format (Prometheus 0.0.4) of every metric of this process. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  return { body: await registry.metrics(), contentType: registry.contentType };
}
