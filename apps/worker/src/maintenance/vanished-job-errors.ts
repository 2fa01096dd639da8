import type { Logger } from "pino";

/** BullMQ's errors for a job whose keys are gone from Redis (deleted, flushed, Redis restarted). */
const VANISHED =
  /^(?:Missing key for (?:parent )?job|Missing lock for job|could not renew lock for job) (\S+?)\.?(?:\s|$)/;

/**
 * Worker errors about jobs that vanished from Redis: one warning per job instead of an error
 * line on every lock renewal and every attempt to finish it, and `onVanished` so the worker can
 * check what else Redis lost. The document or run of such a job is restarted by the reconciler.
 * Returns whether it handled the error (other errors are the caller's).
 */
export function createVanishedJobReporter(log: Logger, onVanished: () => void) {
  const reported = new Set<string>();
  return (error: Error, queue: string): boolean => {
    const match = VANISHED.exec(error.message);
    if (!match) return false;
    const jobId = match[1]!;
    if (reported.has(jobId)) return true;
    // Bounded: a long-lived worker must not keep every id it ever saw.
    if (reported.size >= 10_000) reported.clear();
    reported.add(jobId);
    log.warn(
      { jobId, queue, err: error.message },
      "job vanished from Redis; its document or run is restarted by the reconciler",
    );
    onVanished();
    return true;
  };
}
