import { randomBytes } from "node:crypto";
import { type Job, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { QUEUES } from "./catalog";
import { createRedisConnection } from "./connection";
import { jobIds } from "./job-ids";
import { JobProducer } from "./job-producer";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("JobProducer on real Redis", () => {
  const prefix = `pw-test-${randomBytes(4).toString("hex")}`;
  const connection = createRedisConnection(REDIS_URL);
  const producer = new JobProducer(connection, prefix);
  const workers: Worker[] = [];

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await producer.close();
    const keys = await connection.keys(`${prefix}*`);
    if (keys.length) await connection.del(...keys);
    connection.disconnect();
  });

  it("refuses a payload that does not fit the job's schema before it reaches Redis", async () => {
    await expect(
      producer.enqueue("document.ingest", { documentId: "", run: 1 } as never),
    ).rejects.toThrow();
    expect(await producer.queue(QUEUES.pipeline).count()).toBe(0);
  });

  it("adds a job with a given id only once", async () => {
    const payload = { documentId: "doc_once", run: 1 };
    const jobId = jobIds.ingest("doc_once", 1);
    await producer.enqueue("document.ingest", payload, { jobId });
    await producer.enqueue("document.ingest", payload, { jobId });
    expect(await producer.queue(QUEUES.pipeline).getWaitingCount()).toBe(1);
    await producer.queue(QUEUES.pipeline).obliterate({ force: true });
  });

  it("runs a document flow: every page first, then classify, extract and finalize in order", async () => {
    const order: string[] = [];
    const record = async (job: Job) => {
      order.push(job.name === "page.read" ? `read:${job.data.pageIndex}` : job.name);
    };
    const opts = { connection: connection.duplicate(), prefix, concurrency: 3 };
    workers.push(new Worker(QUEUES.reading, record, opts));
    const done = new Promise<void>((resolve) => {
      const w = new Worker(
        QUEUES.pipeline,
        async (job) => {
          await record(job);
          if (job.name === "document.finalize") resolve();
        },
        { ...opts, connection: connection.duplicate() },
      );
      workers.push(w);
    });
    await producer.addDocumentFlow("doc_flow", 1, [0, 1, 2]);
    await done;
    expect(order.slice(0, 3).sort()).toEqual(["read:0", "read:1", "read:2"]);
    expect(order.slice(3)).toEqual(["document.classify", "document.extract", "document.finalize"]);
  });

  it("waits for a job's result even when the producer's own connection fails fast", async () => {
    const failFast = createRedisConnection(REDIS_URL, { maxRetriesPerRequest: 1 });
    const ownPrefix = `${prefix}-wait`;
    const fastProducer = new JobProducer(failFast, ownPrefix);
    workers.push(
      new Worker(QUEUES.reading, async (job: Job) => ({ rendered: job.data.pageIndex }), {
        connection: connection.duplicate(),
        prefix: ownPrefix,
      }),
    );
    try {
      const result = await fastProducer.enqueueAndWait(
        "page.render",
        { documentId: "doc_wait", pageIndex: 3 },
        { timeoutMs: 10_000 },
      );
      expect(result).toEqual({ rendered: 3 });
    } finally {
      await fastProducer.close();
      failFast.disconnect();
    }
  });
  it("runs a background page render only when no reading job waits, and adds it once", async () => {
    const ownPrefix = `${prefix}-render`;
    const own = new JobProducer(connection, ownPrefix);
    try {
      await own.addPageRenders("doc_bg", [0]);
      await own.addPageRenders("doc_bg", [0]);
      await own.enqueue("page.read", { documentId: "doc_bg", run: 1, pageIndex: 1 });
      await own.enqueue("page.read", { documentId: "doc_bg", run: 1, pageIndex: 2 });
      const order: string[] = [];
      const done = new Promise<void>((resolve) => {
        workers.push(
          new Worker(
            QUEUES.reading,
            async (job: Job) => {
              order.push(`${job.name}:${job.data.pageIndex}`);
              if (order.length === 3) resolve();
            },
            { connection: connection.duplicate(), prefix: ownPrefix, concurrency: 1 },
          ),
        );
      });
      await done;
      expect(order).toEqual(["page.read:1", "page.read:2", "page.render:0"]);
    } finally {
      await own.close();
    }
  });
});
