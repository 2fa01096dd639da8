import {
  clearModelMonitoring,
  setDriftPsi,
  setDriftStatus,
  setModelLiveAccuracy,
} from "@pagewise/metrics";
import { projectMonitoringGauges } from "@pagewise/registry";
import type { Project } from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";

/**
 * Publish a project's live accuracy and drift as Prometheus gauges (the alert rules in
 * deploy/prometheus watch them). Run by the project's periodic feedback check; a series that no
 * longer has evidence in the window is dropped rather than left at a stale value.
 */
export async function publishMonitoringGauges(
  deps: Pick<WorkerDeps, "db">,
  log: Pick<Logger, "warn">,
  project: Project,
): Promise<void> {
  try {
    const gauges = await projectMonitoringGauges(deps.db, project);
    await clearModelMonitoring(project.name);
    for (const g of gauges.liveAccuracy) {
      setModelLiveAccuracy(project.name, g.kind, g.field, g.value);
    }
    for (const d of gauges.drift) {
      setDriftPsi(project.name, d.signal, d.psi);
      setDriftStatus(project.name, d.signal, d.status);
    }
  } catch (err) {
    log.warn({ projectId: project.id, err }, "publishing the monitoring gauges failed");
  }
}
