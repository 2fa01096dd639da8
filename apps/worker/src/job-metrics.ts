import { recordJob } from "@pagewise/metrics";
import { isJobName } from "@pagewise/queue";
import type { Job, Processor } from "bullmq";

/**
 * Time every attempt of every job: the one place where processors get metrics (like langfuse's
 * metric wrapper), so a new job is measured without touching its handler. The job label is the
 * catalog name (a bounded set); anything else is `unknown`.
 */
export function withJobMetrics(processor: Processor): Processor {
  return async (job: Job, token?: string, signal?: AbortSignal) => {
    const name = isJobName(job.name) ? job.name : "unknown";
    const started = performance.now();
    // BullMQ sets processedOn when it moves the job to active, before calling us.
    const waitSeconds = job.processedOn ? (job.processedOn - job.timestamp) / 1000 : undefined;
    return timedJob(name, () => processor(job, token, signal), waitSeconds, started);
  };
}

/**
 * Run one job's work and record its duration (and wait) under `name`, completed or failed; a
 * stage run inline by another job (`finishReadDocument`) is timed by this too.
 */
export async function timedJob<T>(
  name: string,
  work: () => Promise<T>,
  waitSeconds?: number,
  started = performance.now(),
): Promise<T> {
  try {
    const result = await work();
    recordJob(name, "completed", (performance.now() - started) / 1000, waitSeconds);
    return result;
  } catch (error) {
    recordJob(name, "failed", (performance.now() - started) / 1000, waitSeconds);
    throw error;
  }
}
