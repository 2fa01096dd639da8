import type { DriftStatus } from "@pagewise/core";
import type { Db, Project } from "@pagewise/storage";
import { getMonitoringReport } from "./monitoring-report";
import type { MonitoringReport } from "./monitoring-types";

/** The values a metrics exporter publishes from a monitoring report. */
export interface MonitoringGauges {
  /** `pagewise_model_live_accuracy{project,kind,field}`: category accuracy, kept share per field. */
  liveAccuracy: { kind: "classifier" | "extractor"; field: string; value: number }[];
  /** `pagewise_model_drift_psi{project,signal}` and `pagewise_model_drift_status{project,signal}`. */
  drift: { signal: string; psi: number; status: DriftStatus }[];
}

/**
 * Flatten a report into gauge samples (both review samples together, every model version of the
 * window). The classifier's accuracy is published under field `category`.
 */
export function monitoringGauges(report: MonitoringReport): MonitoringGauges {
  const live = report.liveAccuracy;
  const liveAccuracy: MonitoringGauges["liveAccuracy"] = [];
  const categorized = live.category.reduce(
    (a, c) => ({ n: a.n + c.documents, correct: a.correct + c.correct }),
    { n: 0, correct: 0 },
  );
  if (categorized.n > 0) {
    liveAccuracy.push({
      kind: "classifier",
      field: "category",
      value: categorized.correct / categorized.n,
    });
  }
  const fields = new Map<string, { kept: number; predicted: number }>();
  for (const f of live.fields) {
    const sum = fields.get(f.field) ?? { kept: 0, predicted: 0 };
    sum.kept += f.kept;
    sum.predicted += f.predicted;
    fields.set(f.field, sum);
  }
  for (const [field, sum] of [...fields].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (sum.predicted > 0) {
      liveAccuracy.push({
        kind: "extractor",
        field,
        value: Math.min(1, sum.kept / sum.predicted),
      });
    }
  }
  return {
    liveAccuracy,
    drift: report.drift.signals.map((s) => ({ signal: s.name, psi: s.psi, status: s.status })),
  };
}

/**
 * The gauges of one project now, over `window` (default 24h): what a metrics exporter calls on
 * each collection.
 *
 * @example for (const s of (await projectMonitoringGauges(db, project)).drift) gauge.set({ project: project.name, signal: s.signal }, s.psi);
 */
export async function projectMonitoringGauges(
  db: Db,
  project: Project,
  window = "24h",
): Promise<MonitoringGauges> {
  return monitoringGauges(await getMonitoringReport(db, project, window));
}
