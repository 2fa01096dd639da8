import type { ModelKind } from "@pagewise/core";
import { Gauge } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const liveAccuracy = new Gauge({
  name: "pagewise_model_live_accuracy",
  help: "Accuracy of the serving model measured on reviewed production documents (0..1), by project name, model kind and field.",
  labelNames: ["project", "kind", "field"] as const,
  registers: [registry],
});

const driftPsi = new Gauge({
  name: "pagewise_model_drift_psi",
  help: "Population stability index of a model input or output signal against its training reference, by project name and signal.",
  labelNames: ["project", "signal"] as const,
  registers: [registry],
});

const driftStatus = new Gauge({
  name: "pagewise_model_drift_status",
  help: "Drift status of a signal as model monitoring judged it (PSI and a shift beyond sampling noise): 0 ok, 1 warn, 2 alert.",
  labelNames: ["project", "signal"] as const,
  registers: [registry],
});

const STATUS_LEVEL = { ok: 0, warn: 1, alert: 2 } as const;

/**
 * Live accuracy of the champion of `kind` in `project` (the project's name), set by model
 * monitoring. `field` is a label-schema field name for the extractor, `macro` for its macro
 * average, and `category` for the classifier. Values are 0..1.
 *
 * @example setModelLiveAccuracy("default", "extractor", "total", 0.93);
 */
export function setModelLiveAccuracy(
  project: string,
  kind: ModelKind,
  field: string,
  value: number,
): void {
  if (metricsEnabled()) liveAccuracy.set({ project, kind, field }, value);
}

/**
 * Drift of one monitored signal of `project` (the project's name): a bounded, code-defined name
 * such as `category`, `confidence` or `field:total` — never free text. PSI ≥ 0.25 alerts.
 *
 * @example setDriftPsi("default", "confidence", 0.31);
 */
export function setDriftPsi(project: string, signal: string, value: number): void {
  if (metricsEnabled()) driftPsi.set({ project, signal }, value);
}

/**
 * The status model monitoring gave a signal (`pagewise_model_drift_status`: 0 ok, 1 warn,
 * 2 alert). PSI alone is not evidence on a small window: the alert rule reads this one.
 *
 * @example setDriftStatus("default", "pages", "alert");
 */
export function setDriftStatus(
  project: string,
  signal: string,
  status: keyof typeof STATUS_LEVEL,
): void {
  if (metricsEnabled()) driftStatus.set({ project, signal }, STATUS_LEVEL[status]);
}

/** Forget a project's model-monitoring series (project deleted, or monitoring recomputed from scratch). */
export async function clearModelMonitoring(project: string): Promise<void> {
  for (const gauge of [liveAccuracy, driftPsi, driftStatus] as Gauge<string>[]) {
    for (const { labels } of (await gauge.get()).values) {
      if (labels.project === project) gauge.remove(labels as Record<string, string>);
    }
  }
}
