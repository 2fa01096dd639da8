import type { Queue } from "bullmq";
import type { WorkerDeps } from "../deps";

/** States in which a job will still run (or is running). */
export const LIVE_STATES = new Set([
  "active",
  "waiting",
  "waiting-children",
  "delayed",
  "prioritized",
]);

/**
 * How long after its last change a document or run may have no job at all before that counts as
 * "its jobs vanished": the API stores a document before it enqueues the job, and a retraining's
 * run before its flow, so a moment without a job is normal. Short, so that work lost with Redis
 * restarts within seconds instead of after the full stale period.
 */
export function vanishGraceMs(deps: WorkerDeps): number {
  return Math.min(deps.staleAfterMs, 10_000);
}

/**
 * Whether any of these jobs is still in Redis (`any`: in a state, ended included) and still to
 * run (`live`). A job hash that sits in no state at all (`unknown`: its lists were lost while the
 * hash was written again, e.g. by a stage that added a flow as Redis lost its keys) will never
 * run: it counts as vanished, not as present, so its document restarts without waiting out the
 * stale period.
 */
export async function jobPresence(
  queue: Queue,
  ids: readonly string[],
): Promise<{ any: boolean; live: boolean }> {
  let any = false;
  for (const id of ids) {
    const job = await queue.getJob(id);
    if (!job) continue;
    const state = await job.getState();
    if (state === "unknown") continue;
    any = true;
    if (LIVE_STATES.has(state)) return { any, live: true };
  }
  return { any, live: false };
}
