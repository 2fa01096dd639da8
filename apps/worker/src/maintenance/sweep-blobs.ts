import { recordBlobSweep } from "@pagewise/metrics";
import { type SweepResult, sweepOrphanBlobs } from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";
import type { JobHandler } from "../job-registry";

/** Blobs written less than this long ago are never swept (writes in flight); the default. */
export const DEFAULT_BLOB_SWEEP_GRACE_MS = 24 * 3_600_000;

/**
 * `system.sweep-blobs`: delete the blobs no row points at (left by a crash between storing bytes
 * and committing their row, or by a deletion that failed half-way), older than the grace period.
 * Logs and counts what it removed.
 */
export const sweepBlobsJob: JobHandler<"system.sweep-blobs"> = (payload, { deps, log }) =>
  sweepBlobs(deps, log, payload.graceMs ?? DEFAULT_BLOB_SWEEP_GRACE_MS);

export async function sweepBlobs(
  deps: Pick<WorkerDeps, "db" | "blobs">,
  log: Logger,
  graceMs: number,
): Promise<SweepResult> {
  const result = await sweepOrphanBlobs(deps.db, deps.blobs, { graceMs });
  recordBlobSweep(result);
  const summary = {
    scanned: result.scanned,
    young: result.young,
    removed: result.removed,
    removedBytes: result.removedBytes,
  };
  if (result.removed > 0) {
    log.info({ ...summary, keys: result.removedKeys }, "orphan blobs deleted");
  } else {
    log.debug(summary, "orphan blob sweep: nothing to delete");
  }
  return result;
}
