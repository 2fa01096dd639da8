import { isPagewiseError, PERMANENT_READ_ERRORS } from "@pagewise/core";
import { initJobMetrics, initPipelineMetrics, initWebhookMetrics } from "@pagewise/metrics";
import {
  isJobName,
  JOB_CATALOG,
  type JobName,
  type JobPayload,
  parseJobPayload,
  type QueueName,
} from "@pagewise/queue";
import { type Job, type Processor, UnrecoverableError, Worker, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { WorkerDeps } from "./deps";
import { failDocument } from "./document-guard";
import { withJobMetrics } from "./job-metrics";
import { failTrainingRun } from "./training/fail-training-run";

export interface JobContext {
  job: Job;
  deps: WorkerDeps;
  log: Logger;
}

export type JobHandler<N extends JobName> = (
  payload: JobPayload<N>,
  ctx: JobContext,
) => Promise<unknown>;

/** One handler per job of the catalog: a job without a handler does not compile. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** Jobs whose final failure ends their document as `failed`. */
const DOCUMENT_STAGES: ReadonlySet<JobName> = new Set<JobName>([
  "document.ingest",
  "page.read",
  "document.classify",
  "document.extract",
  "document.finalize",
]);

/** Jobs whose final failure ends their retraining run as `failed` (the champion stays). */
const TRAINING_STAGES: ReadonlySet<JobName> = new Set<JobName>([
  "dataset.snapshot",
  "model.train",
  "model.evaluate",
  "model.promote",
]);

function hasDocumentId(payload: unknown): payload is { documentId: string } {
  return typeof payload === "object" && payload !== null && "documentId" in payload;
}

function hasTrainingRunId(payload: unknown): payload is { trainingRunId: string } {
  return typeof payload === "object" && payload !== null && "trainingRunId" in payload;
}

/**
 * The processor for one queue: validate the payload again (an invalid one fails without retry),
 * run the named handler, and on a permanent or final failure end the document as `failed`.
 */
function createProcessor(deps: WorkerDeps, handlers: JobHandlers): Processor {
  return async (job) => {
    if (!isJobName(job.name)) throw new UnrecoverableError(`Unknown job '${job.name}'.`);
    const name = job.name;
    let payload: JobPayload<typeof name>;
    try {
      payload = parseJobPayload(name, job.data);
    } catch {
      throw new UnrecoverableError(`Invalid payload for '${name}'.`);
    }
    const log = deps.logger.child({ job: name, jobId: job.id, attempt: job.attemptsMade + 1 });
    const handler = handlers[name] as JobHandler<typeof name>;
    // It no longer waits: its project's backlog shrinks, so the project's next jobs rank sooner.
    // Only ordering depends on it, never whether the job runs: a failure is logged, not thrown,
    // and the job does not wait for the round trip (a millisecond of every job).
    void deps.producer
      .jobStarted(job)
      .catch((err: Error) => log.warn({ err: err.message }, "backlog not updated"));
    try {
      return await handler(payload, { job, deps, log });
    } catch (error) {
      const permanent = isPagewiseError(error) && PERMANENT_READ_ERRORS.has(error.code);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log.warn({ err: error, permanent, lastAttempt }, "job failed");
      if ((permanent || lastAttempt) && DOCUMENT_STAGES.has(name) && hasDocumentId(payload)) {
        await failDocument(deps, payload.documentId, error);
      }
      if (lastAttempt && TRAINING_STAGES.has(name) && hasTrainingRunId(payload)) {
        await failTrainingRun(deps, payload.trainingRunId, error);
      }
      if (permanent) throw new UnrecoverableError(String((error as Error).message));
      throw error;
    }
  };
}

export interface QueueWorkerOptions {
  connection: Redis;
  prefix: string;
  concurrency: Record<QueueName, number>;
  lockDuration: number;
  stalledInterval: number;
  /** Time every job attempt (`pagewise_job_…` metrics); off with `PAGEWISE_METRICS=off`. */
  metrics?: boolean;
  /** Errors about jobs whose keys vanished from Redis; returns true when it handled one. */
  onWorkerError?: (error: Error, queue: string) => boolean;
}

/** Start one BullMQ worker per queue named in `concurrency`, all dispatching through `handlers`. */
export function startQueueWorkers(
  deps: WorkerDeps,
  handlers: JobHandlers,
  options: QueueWorkerOptions,
): Worker[] {
  if (options.metrics !== false) {
    initJobMetrics(Object.keys(JOB_CATALOG));
    initPipelineMetrics();
    initWebhookMetrics();
  }
  const inner = createProcessor(deps, handlers);
  const processor = options.metrics === false ? inner : withJobMetrics(inner);
  const queues = new Set(Object.values(JOB_CATALOG).map((def) => def.queue));
  return [...queues].map((queue) => {
    const workerOptions: WorkerOptions = {
      connection: options.connection.duplicate(),
      prefix: options.prefix,
      concurrency: options.concurrency[queue],
      lockDuration: options.lockDuration,
      stalledInterval: options.stalledInterval,
      maxStalledCount: 2,
    };
    const worker = new Worker(queue, processor, workerOptions);
    worker.on("error", (err) => {
      if (options.onWorkerError?.(err, queue)) return;
      deps.logger.error({ err, queue }, "worker error");
    });
    worker.on("stalled", (jobId) => deps.logger.warn({ jobId, queue }, "job stalled; retrying"));
    return worker;
  });
}
