import { FlowProducer, type Job, type JobsOptions, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import {
  BACKGROUND_PRIORITY,
  FAIR_QUEUES,
  JOB_CATALOG,
  type JobName,
  type JobPayload,
  parseJobPayload,
  QUEUES,
  type QueueName,
  RETENTION,
} from "./catalog";
import { backlogSize, joinBacklog, leaveBacklog, pruneBacklogs } from "./fair-priority";
import { buildDocumentFlow, buildTrainingFlow, documentFlowJobIds } from "./flows";
import { jobIds } from "./job-ids";

/**
 * The typed way to put work on the queues. Payloads are validated before they reach Redis, so
 * a producer bug fails at the call site, not later in a worker.
 */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly events = new Map<QueueName, QueueEvents>();
  private flowProducer: FlowProducer | undefined;
  private readonly ownedConnections: Redis[] = [];

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {}

  /**
   * Add one job. With `jobId`, adding a job that already exists does nothing. A document job
   * whose payload names its project (`projectId`), added with a `jobId` and no explicit
   * `priority`, is scheduled fairly: it joins its project's backlog and gets its priority from it.
   */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: JobsOptions = {},
  ): Promise<Job> {
    const data = parseJobPayload(name, payload);
    const def = JOB_CATALOG[name];
    const projectId = (data as { projectId?: unknown }).projectId;
    let fair: JobsOptions = {};
    if (
      FAIR_QUEUES.has(def.queue) &&
      typeof projectId === "string" &&
      options.jobId !== undefined &&
      options.priority === undefined
    ) {
      const owner = { queue: def.queue, name, projectId };
      const [priority] = await joinBacklog(this.connection, this.prefix, owner, [options.jobId]);
      fair = { priority: priority! };
    }
    return this.queue(def.queue).add(name, data, {
      ...def.options,
      ...RETENTION,
      ...options,
      ...fair,
    });
  }

  /**
   * Read every page, then classify, extract and finalize (see `buildDocumentFlow`). With the
   * document's project, every job of the flow joins that project's backlog in its queue and
   * gets its priority from it (fair scheduling between projects).
   */
  async addDocumentFlow(
    documentId: string,
    run: number,
    pageIndexes: readonly number[],
    projectId?: string,
  ) {
    this.flowProducer ??= new FlowProducer({ connection: this.connection, prefix: this.prefix });
    const priorities = new Map<string, number>();
    if (projectId !== undefined) {
      // Independent backlogs (one per job name): joined in one round trip of the pipeline.
      await Promise.all(
        documentFlowJobIds(documentId, run, pageIndexes).map(async ([name, ids]) => {
          const owner = { queue: JOB_CATALOG[name].queue, name, projectId };
          const joined = await joinBacklog(this.connection, this.prefix, owner, ids);
          for (const [i, id] of ids.entries()) priorities.set(id, joined[i]!);
        }),
      );
    }
    return this.flowProducer.add(
      buildDocumentFlow({
        documentId,
        run,
        pageIndexes,
        prefix: this.prefix,
        projectId,
        priorities,
      }),
    );
  }

  /**
   * A worker started a job: if it waited in a project's backlog it leaves it (idempotent: every
   * attempt of a job may call this).
   */
  async jobStarted(job: Pick<Job, "id" | "name" | "queueName" | "data">): Promise<void> {
    const projectId = (job.data as { projectId?: unknown } | undefined)?.projectId;
    if (typeof projectId !== "string" || !job.id) return;
    if (!FAIR_QUEUES.has(job.queueName as QueueName)) return;
    const owner = { queue: job.queueName, name: job.name, projectId };
    await leaveBacklog(this.connection, this.prefix, owner, job.id);
  }

  /**
   * Render pages' display images in the background, in one round trip: at a low priority, so they
   * run only when no reading job waits, and outside the document flow, so no stage waits for
   * them. Once per page (deterministic ids); the API renders on demand when someone is quicker.
   */
  async addPageRenders(documentId: string, pageIndexes: readonly number[]): Promise<Job[]> {
    const def = JOB_CATALOG["page.render"];
    return this.queue(def.queue).addBulk(
      pageIndexes.map((pageIndex) => ({
        name: "page.render",
        data: parseJobPayload("page.render", { documentId, pageIndex, background: true }),
        opts: {
          ...def.options,
          ...RETENTION,
          jobId: jobIds.render(documentId, pageIndex),
          priority: BACKGROUND_PRIORITY,
        },
      })),
    );
  }

  /** Drop backlog members that no longer wait (the reconciler's pass); answers how many. */
  async pruneBacklogs(): Promise<number> {
    return pruneBacklogs(this.connection, this.prefix);
  }

  /** How many of a project's jobs of one name wait (fair scheduling). */
  async backlogSize(name: JobName, projectId: string): Promise<number> {
    const owner = { queue: JOB_CATALOG[name].queue, name, projectId };
    return backlogSize(this.connection, this.prefix, owner);
  }

  /** Snapshot the labels, train, evaluate against the champion, promote or reject. */
  async addTrainingFlow(projectId: string, trainingRunId: string) {
    this.flowProducer ??= new FlowProducer({ connection: this.connection, prefix: this.prefix });
    return this.flowProducer.add(
      buildTrainingFlow({ projectId, trainingRunId, prefix: this.prefix }),
    );
  }

  /**
   * Keep one feedback check per project on the project's own schedule (idempotent by id: call it
   * whenever the interval may have changed).
   */
  async upsertFeedbackCheck(projectId: string, everySeconds: number): Promise<void> {
    await this.queue(JOB_CATALOG["training.check"].queue).upsertJobScheduler(
      jobIds.feedbackCheck(projectId),
      { every: everySeconds * 1000 },
      {
        name: "training.check",
        data: parseJobPayload("training.check", { projectId }),
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      },
    );
  }

  /** Enqueue and wait for the result (used by the API for on-demand page images). */
  async enqueueAndWait<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: JobsOptions & { timeoutMs: number },
  ): Promise<unknown> {
    const { timeoutMs, ...jobOptions } = options;
    const queueName = JOB_CATALOG[name].queue;
    const events = await this.queueEvents(queueName);
    const job = await this.enqueue(name, payload, jobOptions);
    return job.waitUntilFinished(events, timeoutMs);
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Counts of jobs per state for every queue, for readiness and metrics. */
  async counts(): Promise<Record<string, Record<string, number>>> {
    const entries = await Promise.all(
      Object.values(QUEUES).map(async (name) => [name, await this.queue(name).getJobCounts()]),
    );
    return Object.fromEntries(entries);
  }

  private async queueEvents(name: QueueName): Promise<QueueEvents> {
    let events = this.events.get(name);
    if (!events) {
      // QueueEvents blocks on its connection: it needs a dedicated one that waits through
      // reconnects (the producer's own connection may be set to fail fast).
      const connection = new Redis({ ...this.connection.options, maxRetriesPerRequest: null });
      this.ownedConnections.push(connection);
      events = new QueueEvents(name, { connection, prefix: this.prefix });
      await events.waitUntilReady();
      this.events.set(name, events);
    }
    return events;
  }

  async close(): Promise<void> {
    await Promise.all([
      ...[...this.queues.values()].map((q) => q.close()),
      ...[...this.events.values()].map(async (e) => {
        await e.close();
      }),
      this.flowProducer?.close(),
    ]);
    for (const connection of this.ownedConnections) connection.disconnect();
  }
}
