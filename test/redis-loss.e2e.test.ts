import { type ChildProcess, spawn } from "node:child_process";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatasetDocument, datasetsDir, labelsOf, loadDataset } from "./support/datasets";
import {
  createProject,
  listRuns,
  type ProjectHandle,
  startTraining,
  uploadDatasetDocument,
  waitAll,
  waitForRun,
} from "./support/loop";
import { freePort, Platform, sleep } from "./support/platform";

const root = datasetsDir();

/** A Redis of this test alone, without persistence: killed and started again, it is empty. */
class OwnRedis {
  private process: ChildProcess | undefined;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    const probe = new Redis(this.url, { lazyConnect: true, retryStrategy: () => null });
    probe.on("error", () => {});
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error("redis-server did not start");
  }
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((res) => {
      child.once("exit", () => res());
      child.kill("SIGKILL");
    });
  }
}

/**
 * Redis losing its data with no Pagewise process restarted: the worker notices (a timer of its
 * own, and the reconnect), puts its schedulers back and restarts what was in flight. The stale
 * period is long (2 min), so only the "jobs vanished" path can finish the documents in time.
 */
describe.skipIf(!root)("recovery when Redis loses its data, without a restart", () => {
  let redis: OwnRedis;
  let platform: Platform;
  let client: Redis;
  let maintenance: Queue;
  let receipts: DatasetDocument[];

  beforeAll(async () => {
    receipts = loadDataset(root!, "sroie");
    redis = new OwnRedis(await freePort());
    await redis.start();
    const env = { REDIS_URL: redis.url };
    platform = new Platform({
      apiEnv: env,
      workerEnv: {
        ...env,
        PAGEWISE_RECONCILE_EVERY_MS: "5000",
        PAGEWISE_STALE_AFTER_MS: "120000",
        PAGEWISE_JOB_LOCK_MS: "5000",
        PAGEWISE_STALLED_CHECK_MS: "2000",
        // The retraining below must survive a Redis restart, however good its models: one pass
        // over the rows per epoch, not 500 batches of repeated rows.
        PAGEWISE_EXTRACTOR_MIN_STEPS: "0",
      },
    });
    await platform.start();
    client = new Redis(redis.url, { maxRetriesPerRequest: null });
    client.on("error", () => {});
    maintenance = new Queue("maintenance", { connection: client, prefix: platform.prefix });
    maintenance.on("error", () => {}); // while this test's Redis is down
  });
  afterAll(async () => {
    await maintenance?.close();
    client?.disconnect();
    await platform?.stop();
    await redis?.kill();
  });

  /** Until the maintenance schedulers and the projects' feedback checks are in Redis again. */
  async function expectSchedulersBack(projectIds: string[], timeoutMs: number) {
    const ids = [
      "reconcile-documents",
      "purge-expired-documents",
      "sweep-orphan-blobs",
      ...projectIds.map((id) => `feedback-check-${id}`),
    ];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const present = await Promise.all(ids.map((id) => maintenance.getJobScheduler(id)));
      if (present.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`schedulers missing: ${ids}`);
      await sleep(250);
    }
  }

  async function projectIds(): Promise<string[]> {
    const rows = await platform.db.selectFrom("projects").select("id").execute();
    return rows.map((r) => r.id);
  }

  async function deleteAllKeys() {
    const keys = await client.keys(`${platform.prefix}:*`);
    if (keys.length) await client.del(...keys);
  }

  async function inFlight(ids: string[]): Promise<string[]> {
    const rows = await platform.db
      .selectFrom("documents")
      .select("status")
      .where("id", "in", ids)
      .execute();
    return rows.map((r) => r.status).filter((s) => s === "queued" || s === "processing");
  }

  it("finishes every document when all of the platform's keys are deleted mid-flight", async () => {
    const project = await createProject(platform, "flush");
    const ids: string[] = [];
    // Receipt images without their layout: OCR keeps them in flight for a while.
    for (const doc of receipts.slice(0, 6)) {
      ids.push(await uploadDatasetDocument(platform, project, { ...doc, layout: undefined }));
    }
    // Every document past ingestion, its page reads waiting or running: their flows are in Redis
    // only, so losing Redis loses them.
    const reading = new Queue("reading", { connection: client, prefix: platform.prefix });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const statuses = await inFlight(ids);
      // Page reads wait prioritized (fair scheduling between projects ranks them).
      const waiting = await reading.getJobCountByTypes("waiting", "prioritized");
      if (statuses.length === ids.length && statuses.every((s) => s === "processing") && waiting)
        break;
      if (Date.now() > deadline) throw new Error("the documents never got to their page reads");
      await sleep(100);
    }
    await reading.close();
    // What a FLUSHALL or a Redis restart without persistence does to this installation.
    await deleteAllKeys();
    const started = Date.now();
    expect((await inFlight(ids)).length).toBeGreaterThan(1);
    const docs = await waitAll(platform, project, ids);
    expect(docs.map((d) => d.status).every((s) => s === "needs_review")).toBe(true);
    console.log(
      `Redis lost every key: ${ids.length} documents in flight, all done ${Date.now() - started} ms later`,
    );
    // Well within the 2 min stale period: the vanished jobs were noticed, not waited out.
    expect(Date.now() - started).toBeLessThan(90_000);
    await expectSchedulersBack(await projectIds(), 20_000);
    const log = platform.workerOutput();
    expect(log).toContain("schedulers were missing from Redis");
    // Page reads were running when their keys went: one warning each, not an error per retry.
    expect(log).toContain("job vanished from Redis");
    expect(log).not.toContain('"msg":"worker error"');
  });

  it("completes a retraining when Redis restarts empty mid-run, with one run", async () => {
    const project: ProjectHandle = await createProject(platform, "restart");
    const ids: string[] = [];
    for (const doc of receipts.slice(10, 16)) {
      ids.push(
        await uploadDatasetDocument(platform, project, doc, {
          category: "receipt",
          fields: labelsOf(doc),
        }),
      );
    }
    await waitAll(platform, project, ids);
    const started = await startTraining(platform, project);
    await sleep(300);
    await redis.kill();
    await sleep(500);
    await redis.start();
    const restartedAt = Date.now();

    const run = await waitForRun(platform, project, started.id, 180_000);
    console.log(
      `Redis restarted empty mid-retraining: the run ended ${run.status} ${Date.now() - restartedAt} ms later`,
    );
    const restarted = await platform.db
      .selectFrom("events")
      .select("data")
      .where("type", "=", "training.restarted")
      .execute();
    expect(restarted.some((e) => String(e.data).includes(started.id))).toBe(true);
    const runs = await listRuns(platform, project);
    expect(runs.map((r) => r.id)).toEqual([started.id]);
    // It completes; should it fail instead, it says why, and a new run can start.
    if (run.status === "failed") {
      expect(run.error).toBeTruthy();
      const next = await startTraining(platform, project);
      expect(next.id).not.toBe(started.id);
    } else {
      expect(run.status).toBe("succeeded");
    }
    await expectSchedulersBack(await projectIds(), 20_000);
  });
});
