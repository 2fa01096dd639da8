import { randomBytes } from "node:crypto";
import { type Job, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { QUEUES } from "./catalog";
import { createRedisConnection } from "./connection";
import {
  backlogIndexKey,
  backlogSize,
  joinBacklog,
  leaveBacklog,
  MAX_FAIR_PRIORITY,
  pruneBacklogs,
} from "./fair-priority";
import { jobIds } from "./job-ids";
import { JobProducer } from "./job-producer";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("fair priorities between projects on real Redis", () => {
  const base = `pw-test-fair-${randomBytes(4).toString("hex")}`;
  const connection = createRedisConnection(REDIS_URL);
  const workers: Worker[] = [];
  const producers: JobProducer[] = [];
  let n = 0;
  /** Each test on its own prefix: its own queues and backlogs. */
  const fresh = () => {
    const prefix = `${base}-${n++}`;
    const producer = new JobProducer(connection, prefix);
    producers.push(producer);
    return { prefix, producer };
  };
  const owner = (projectId: string) => ({ queue: "pipeline", name: "document.ingest", projectId });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(producers.map((p) => p.close()));
    const keys = await connection.keys(`${base}*`);
    if (keys.length) await connection.del(...keys);
    connection.disconnect();
  });

  it("ranks a job by its project's own backlog; an id added twice or started twice counts once", async () => {
    const { prefix } = fresh();
    expect(await joinBacklog(connection, prefix, owner("a"), ["a1", "a2", "a3"])).toEqual([
      1, 2, 3,
    ]);
    // A deterministic id added again keeps its place.
    expect(await joinBacklog(connection, prefix, owner("a"), ["a2"])).toEqual([2]);
    // Another project starts at the front, whatever A queued.
    expect(await joinBacklog(connection, prefix, owner("b"), ["b1"])).toEqual([1]);
    await leaveBacklog(connection, prefix, owner("a"), "a1");
    await leaveBacklog(connection, prefix, owner("a"), "a1");
    expect(await backlogSize(connection, prefix, owner("a"))).toBe(2);
    expect(await joinBacklog(connection, prefix, owner("a"), ["a4"])).toEqual([3]);
  });

  it("never ranks a project's new job ahead of its own older ones, and starts over once drained", async () => {
    const { prefix } = fresh();
    const ids = ["a1", "a2", "a3", "a4", "a5"];
    expect(await joinBacklog(connection, prefix, owner("a"), ids)).toEqual([1, 2, 3, 4, 5]);
    for (const id of ["a1", "a2", "a3"]) await leaveBacklog(connection, prefix, owner("a"), id);
    // Two wait (ranks 4 and 5): the next one ties with the last (first in, first out), not 3.
    expect(await joinBacklog(connection, prefix, owner("a"), ["a6"])).toEqual([5]);
    for (const id of ["a4", "a5", "a6"]) await leaveBacklog(connection, prefix, owner("a"), id);
    expect(await joinBacklog(connection, prefix, owner("a"), ["a7"])).toEqual([1]);
  });

  it("caps priorities below BullMQ's largest, which stays for background work", async () => {
    const { prefix } = fresh();
    expect(MAX_FAIR_PRIORITY).toBe(2 ** 21 - 2);
    // A backlog past the cap (a small cap here: two million jobs are no unit test).
    const ids = Array.from({ length: 5 }, (_, i) => `c${i}`);
    expect(await joinBacklog(connection, prefix, owner("big"), ids, 3)).toEqual([1, 2, 3, 3, 3]);
  });

  it("prunes members whose job is gone or has started, keeps those that wait", async () => {
    const { prefix, producer } = fresh();
    for (const doc of ["d1", "d2", "d3"]) {
      await producer.enqueue(
        "document.ingest",
        { documentId: doc, run: 1, projectId: "p" },
        { jobId: jobIds.ingest(doc, 1) },
      );
    }
    // An id whose add never happened, and a job removed without starting.
    await joinBacklog(connection, prefix, owner("p"), ["never-added"]);
    await producer.queue(QUEUES.pipeline).remove(jobIds.ingest("d3", 1));
    // A job that started while its worker could not leave the backlog (processedOn is set).
    await connection.hset(`${prefix}:pipeline:${jobIds.ingest("d2", 1)}`, "processedOn", "1");
    expect(await producer.backlogSize("document.ingest", "p")).toBe(4);

    expect(await pruneBacklogs(connection, prefix)).toBe(3);
    expect(await connection.zrange(`${prefix}:fair:pipeline:document.ingest:p`, 0, -1)).toEqual([
      jobIds.ingest("d1", 1),
    ]);
    // Once empty, the backlog leaves the index too.
    await producer.queue(QUEUES.pipeline).remove(jobIds.ingest("d1", 1));
    expect(await pruneBacklogs(connection, prefix)).toBe(1);
    expect(await connection.smembers(backlogIndexKey(prefix))).toEqual([]);
  });

  it("runs project B's one job right after the job at the head of project A's 30", async () => {
    const { prefix, producer } = fresh();
    const add = (projectId: string, doc: string) =>
      producer.enqueue(
        "document.ingest",
        { documentId: doc, run: 1, projectId },
        { jobId: jobIds.ingest(doc, 1) },
      );
    for (let i = 0; i < 30; i++) await add("a", `a${i}`);
    await add("b", "b0");
    expect(await producer.backlogSize("document.ingest", "a")).toBe(30);
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      const worker = new Worker(
        QUEUES.pipeline,
        async (job: Job) => {
          await producer.jobStarted(job);
          order.push(job.data.documentId);
          if (order.length === 31) resolve();
        },
        { connection: connection.duplicate(), prefix, concurrency: 1 },
      );
      workers.push(worker);
    });
    await done;
    expect(order.slice(0, 3)).toEqual(["a0", "b0", "a1"]);
    // A's own jobs keep their order.
    expect(order.filter((d) => d.startsWith("a"))).toEqual(
      Array.from({ length: 30 }, (_, i) => `a${i}`),
    );
    expect(await producer.backlogSize("document.ingest", "a")).toBe(0);
  });

  it("gives every job of a document flow its project's priority, background renders last", async () => {
    const { producer } = fresh();
    // Project A already has two documents' flows waiting.
    await producer.addDocumentFlow("docA1", 1, [0, 1], "a");
    await producer.addDocumentFlow("docA2", 1, [0], "a");
    await producer.addDocumentFlow("docB", 1, [0, 1], "b");
    const reading = producer.queue(QUEUES.reading);
    const pipeline = producer.queue(QUEUES.pipeline);
    const priority = async (queue: typeof reading, id: string) =>
      (await queue.getJob(id))?.opts.priority;
    expect(await priority(reading, jobIds.read("docA2", 1, 0))).toBe(3);
    expect(await priority(reading, jobIds.read("docB", 1, 0))).toBe(1);
    expect(await priority(reading, jobIds.read("docB", 1, 1))).toBe(2);
    expect(await priority(pipeline, jobIds.classify("docA2", 1))).toBe(2);
    expect(await priority(pipeline, jobIds.classify("docB", 1))).toBe(1);
    expect(await priority(pipeline, jobIds.finalize("docB", 1))).toBe(1);
    expect((await reading.getJob(jobIds.read("docB", 1, 0)))?.data).toMatchObject({
      projectId: "b",
    });
    const [render] = await producer.addPageRenders("docA1", [0]);
    expect(render!.opts.priority).toBeGreaterThan(MAX_FAIR_PRIORITY);
  });
});
