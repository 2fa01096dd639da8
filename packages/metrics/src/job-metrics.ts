import { Histogram } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const JOB_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

const duration = new Histogram({
  name: "pagewise_job_duration_seconds",
  help: "Run time of one attempt of a queued job, by catalog job name and outcome (completed, failed).",
  labelNames: ["job_name", "outcome"] as const,
  buckets: JOB_BUCKETS,
  registers: [registry],
});

const wait = new Histogram({
  name: "pagewise_job_wait_seconds",
  help: "Time a job spent queued before a worker took it (processedOn - timestamp), by job name.",
  labelNames: ["job_name"] as const,
  buckets: [...JOB_BUCKETS, 3600],
  registers: [registry],
});

export type JobOutcome = "completed" | "failed";

/**
 * Create every job's series at zero when a worker starts: a series that appears with its first
 * event already counted is invisible to `rate()` and `increase()` (alerts, dashboards).
 */
export function initJobMetrics(jobNames: readonly string[]): void {
  if (!metricsEnabled()) return;
  for (const job of jobNames) {
    duration.zero({ job_name: job, outcome: "completed" });
    duration.zero({ job_name: job, outcome: "failed" });
    wait.zero({ job_name: job });
  }
}

/** One finished attempt of a job; `job` is a catalog job name (bounded), never a job id. */
export function recordJob(
  job: string,
  outcome: JobOutcome,
  durationSeconds: number,
  waitSeconds?: number,
): void {
  if (!metricsEnabled()) return;
  duration.observe({ job_name: job, outcome }, durationSeconds);
  if (waitSeconds !== undefined && waitSeconds >= 0) wait.observe({ job_name: job }, waitSeconds);
}
