import type { JobsOptions } from "bullmq";
import { z } from "zod";

/** Queue names (kebab-case). Jobs that share a queue share its workers and concurrency. */
export const QUEUES = {
  /** Light, I/O-bound pipeline stages. */
  pipeline: "pipeline",
  /** Page reading and rendering: CPU-heavy, run by the reader thread pool. */
  reading: "reading",
  /** The learning loop: snapshot, train, evaluate, promote. One at a time per worker. */
  training: "training",
  /** Periodic housekeeping: reconciliation, feedback checks. */
  maintenance: "maintenance",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const id = z.string().min(1).max(64);
const documentJob = z.object({
  documentId: id,
  /** The document's pipeline run; a job of an older run does nothing. */
  run: z.number().int().positive(),
});

const trainingJob = z.object({ projectId: id, trainingRunId: id });

const retried: JobsOptions = { attempts: 4, backoff: { type: "exponential", delay: 2_000 } };
const once: JobsOptions = { attempts: 1 };

/**
 * The one catalog of jobs: name → queue, payload schema, default options. Payloads carry ids,
 * never bytes. New payload fields must be optional: jobs already in Redis must still parse after
 * a deploy.
 */
export const JOB_CATALOG = {
  "document.ingest": { queue: QUEUES.pipeline, schema: documentJob, options: retried },
  "page.read": {
    queue: QUEUES.reading,
    schema: documentJob.extend({ pageIndex: z.number().int().nonnegative() }),
    options: retried,
  },
  "document.classify": { queue: QUEUES.pipeline, schema: documentJob, options: retried },
  "document.extract": { queue: QUEUES.pipeline, schema: documentJob, options: retried },
  "document.finalize": { queue: QUEUES.pipeline, schema: documentJob, options: retried },
  "page.render": {
    queue: QUEUES.reading,
    schema: z.object({ documentId: id, pageIndex: z.number().int().nonnegative() }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 500 } },
  },
  "system.reconcile": { queue: QUEUES.maintenance, schema: z.object({}), options: once },
  /** Per project, on its own schedule: start a retraining when enough feedback piled up. */
  "training.check": {
    queue: QUEUES.maintenance,
    schema: z.object({ projectId: id }),
    options: once,
  },
  "dataset.snapshot": { queue: QUEUES.training, schema: trainingJob, options: retried },
  "model.train": {
    queue: QUEUES.training,
    schema: trainingJob,
    options: { attempts: 3, backoff: { type: "exponential", delay: 5_000 } },
  },
  "model.evaluate": { queue: QUEUES.training, schema: trainingJob, options: retried },
  "model.promote": { queue: QUEUES.training, schema: trainingJob, options: retried },
} as const satisfies Record<string, JobDefinition>;

export interface JobDefinition {
  queue: QueueName;
  schema: z.ZodType;
  options: JobsOptions;
}

export type JobCatalog = typeof JOB_CATALOG;
export type JobName = keyof JobCatalog;
export type JobPayload<N extends JobName> = z.infer<JobCatalog[N]["schema"]>;

/** Keep Redis from growing forever: completed jobs for an hour, failed ones for a week. */
export const RETENTION: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 3_600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
};

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOB_CATALOG, name);
}

/** Validate a payload against its job's schema; throws a zod error when it does not fit. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOB_CATALOG[name].schema.parse(data) as JobPayload<N>;
}
