import { JOB_CATALOG, jobIds } from "@pagewise/queue";
import { listProjects } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";
import { DEFAULT_BLOB_SWEEP_GRACE_MS } from "./sweep-blobs";

export const RECONCILE_SCHEDULER_ID = "reconcile-documents";
export const RETENTION_SCHEDULER_ID = "purge-expired-documents";
export const BLOB_SWEEP_SCHEDULER_ID = "sweep-orphan-blobs";

export interface ScheduleOptions {
  reconcileEveryMs: number;
  /** How often the retention job looks for expired documents (default: hourly). */
  retentionEveryMs?: number;
  /** How often the orphan-blob sweep runs (default: every 6 hours). */
  blobSweepEveryMs?: number;
  /** Blobs younger than this are never swept (default: 24 hours). */
  blobSweepGraceMs?: number;
}

const HOUR_MS = 3_600_000;
const kept = { removeOnComplete: 100, removeOnFail: 100 };

/**
 * The job schedulers live in Redis, so Redis losing its data (a restart without persistence, a
 * FLUSHALL) loses them too. `always`: upsert them all (at start, where an interval may have
 * changed); otherwise only the ones missing. Upserting is idempotent by id, so every worker may
 * do it. Returns what it had to create.
 */
export async function ensureSchedules(
  deps: WorkerDeps,
  options: ScheduleOptions & { always: boolean },
): Promise<{ reconcile: boolean; housekeeping: number; trainingChecks: number }> {
  const maintenance = deps.producer.queue(JOB_CATALOG["system.reconcile"].queue);
  const missing = async (id: string) => options.always || !(await maintenance.getJobScheduler(id));
  const reconcile = await missing(RECONCILE_SCHEDULER_ID);
  if (reconcile) {
    await maintenance.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: options.reconcileEveryMs },
      { name: "system.reconcile", data: {}, opts: kept },
    );
  }
  // Deletion on time: the retention job and the orphan-blob sweep, one scheduler each.
  let housekeeping = 0;
  if (await missing(RETENTION_SCHEDULER_ID)) {
    await maintenance.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { every: options.retentionEveryMs ?? HOUR_MS },
      { name: "system.retention", data: {}, opts: kept },
    );
    housekeeping++;
  }
  if (await missing(BLOB_SWEEP_SCHEDULER_ID)) {
    await maintenance.upsertJobScheduler(
      BLOB_SWEEP_SCHEDULER_ID,
      { every: options.blobSweepEveryMs ?? 6 * HOUR_MS },
      {
        name: "system.sweep-blobs",
        data: { graceMs: options.blobSweepGraceMs ?? DEFAULT_BLOB_SWEEP_GRACE_MS },
        opts: kept,
      },
    );
    housekeeping++;
  }
  // Every project's feedback check on its own interval (the API upserts them on changes too).
  let trainingChecks = 0;
  for (const project of await listProjects(deps.db)) {
    if (!(await missing(jobIds.feedbackCheck(project.id)))) continue;
    await deps.producer.upsertFeedbackCheck(
      project.id,
      project.settings.retrainCheckIntervalSeconds,
    );
    trainingChecks++;
  }
  return { reconcile, housekeeping, trainingChecks };
}
