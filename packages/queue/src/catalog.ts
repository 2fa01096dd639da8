import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { MAX_PRIORITY } from "./fair-priority";

/** Queue names (kebab-case). Jobs that share a queue share its workers and concurrency. */
export const QUEUES = {
  /** Light, I/O-bound pipeline stages. */
  pipeline: "pipeline",
  /** Page reading and rendering: CPU-heavy, run by the reader thread pool. */
  reading: "reading",
  /** The learning loop: snapshot, train, evaluate, promote. One at a time per worker. */
  training: "training",
  /** Periodic housekeeping: reconciliation, feedback checks, retention, the orphan-blob sweep. */
  maintenance: "maintenance",
  /** Webhook deliveries: HTTP calls to receivers, which may be slow; never blocks other work. */
  webhooks: "webhooks",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const id = z.string().min(1).max(64);
const documentJob = z.object({
  documentId: id,
  /** The document's pipeline run; a job of an older run does nothing. */
  run: z.number().int().positive(),
  /**
   * The document's project: the job waits in that project's backlog (fair scheduling, see
   * `fair-priority.ts`). Optional: jobs queued before it existed still parse.
   */
  projectId: id.optional(),
});

const trainingJob = z.object({ projectId: id, trainingRunId: id });

/**
 * BullMQ takes a prioritized job only when no job without a priority waits in its queue, and the
 * lowest priority last: jobs added with BullMQ's largest priority (background page renders) run
 * after every document job, whose fair priorities stay below it.
 */
export const BACKGROUND_PRIORITY = MAX_PRIORITY;

/**
 * Queues whose document jobs are scheduled fairly between projects: a job whose payload names its
 * project gets a priority from that project's backlog (`fair-priority.ts`).
 */
export const FAIR_QUEUES: ReadonlySet<QueueName> = new Set([QUEUES.pipeline, QUEUES.reading]);

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
  /**
   * A text-layer page's display image: made ahead of time after the document is finished
   * (`background`), or for someone opening the page; never part of the flow.
   */
  "page.render": {
    queue: QUEUES.reading,
    schema: z.object({
      documentId: id,
      pageIndex: z.number().int().nonnegative(),
      /** Made ahead of time: yields the reader threads to documents being read. */
      background: z.boolean().optional(),
    }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 500 } },
  },
  "system.reconcile": { queue: QUEUES.maintenance, schema: z.object({}), options: once },
  /** Scheduled: delete documents older than their project's `retentionDays`, like DELETE. */
  "system.retention": { queue: QUEUES.maintenance, schema: z.object({}), options: once },
  /**
   * Scheduled: delete blobs no row points at that are older than `graceMs` (an upload or a
   * render between storing its bytes and committing its row is younger than that).
   */
  "system.sweep-blobs": {
    queue: QUEUES.maintenance,
    schema: z.object({ graceMs: z.number().int().nonnegative().optional() }),
    options: once,
  },
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
  /**
   * An uploaded model version (`pending`) is loaded and scored on the project's validation set;
   * it becomes `ready` with those metrics, or `failed` when it does not load or run.
   */
  "model.evaluate-upload": {
    queue: QUEUES.training,
    schema: z.object({ projectId: id, modelVersionId: id }),
    options: { attempts: 2, backoff: { type: "fixed", delay: 5_000 } },
  },
  /**
   * One attempt to deliver an event to a webhook. Retries are the handler's own (it records
   * each attempt and adds the next one with a delay), so the job itself runs once.
   */
  "webhook.deliver": {
    queue: QUEUES.webhooks,
    schema: z.object({ deliveryId: id, attempt: z.number().int().positive() }),
    options: once,
  },
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
