import { randomBytes } from "node:crypto";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import { finishTrainingRun, listTrainingRuns } from "@pagewise/registry";
import {
  createProject,
  insertDocument,
  insertReview,
  transitionDocument,
  updateProject,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import type { Job } from "bullmq";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { checkFeedback } from "./check-feedback";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each(TEST_DIALECTS)("the scheduler's feedback check on %s", (dialect) => {
  let t: TestDatabase;
  let producer: JobProducer;
  let redis: ReturnType<typeof createRedisConnection>;
  const prefix = `pw-check-test-${randomBytes(4).toString("hex")}`;
  const log = pino({ level: "silent" });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    redis = createRedisConnection(REDIS_URL);
    producer = new JobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await t.drop();
  });

  const check = (projectId: string, bootstrapQuietMs?: number) =>
    checkFeedback(
      { projectId },
      {
        deps: { db: t.db, producer, bootstrapQuietMs } as unknown as WorkerDeps,
        log,
        job: {} as Job,
      },
    );

  /** Imported labeled documents, their labels given `ageMs` ago. */
  async function label(projectId: string, count: number, ageMs: number) {
    const at = new Date(Date.now() - ageMs).toISOString();
    for (let i = 0; i < count; i++) {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `d${i}.pdf`,
        sizeBytes: 1,
        sha256: randomBytes(32).toString("hex"),
        blobKey: "k",
      });
      await transitionDocument(t.db, document.id, { from: ["queued"], to: "reviewed" });
      const review = await insertReview(t.db, {
        projectId,
        documentId: document.id,
        actor: "import",
        source: "import",
        complete: true,
        category: "receipt",
        fields: [],
        previous: {},
        labelSchemaVersion: 1,
      });
      await t.db
        .updateTable("reviews")
        .set({ created_at: at })
        .where("id", "=", review.id)
        .execute();
    }
  }

  it("trains the first model of a project with labels and no champion, once the import settled", async () => {
    const projectId = (await createProject(t.db, { name: "fresh" })).id;
    await label(projectId, 3, 60_000);
    expect(await check(projectId)).toMatchObject({ started: false }); // too few to learn from
    await label(projectId, 2, 1_000);
    expect(await check(projectId)).toMatchObject({ started: false }); // labels still arriving
    await t.db
      .updateTable("reviews")
      .set({ created_at: new Date(Date.now() - 60_000).toISOString() })
      .where("project_id", "=", projectId)
      .execute();
    expect(await check(projectId)).toMatchObject({ started: true, trigger: "bootstrap" });
    expect(await check(projectId)).toEqual({ skipped: "running" });
    const runs = await listTrainingRuns(t.db, projectId);
    expect(runs.map((r) => [r.trigger, r.actor])).toEqual([["bootstrap", "system:scheduler"]]);
  });

  it("waits the quiet period it is given (PAGEWISE_BOOTSTRAP_QUIET_MS) before the first model", async () => {
    const projectId = (await createProject(t.db, { name: "quick" })).id;
    await label(projectId, 4, 5_000);
    expect(await check(projectId)).toMatchObject({ started: false }); // 30 s by default
    expect(await check(projectId, 10_000)).toMatchObject({ started: false });
    expect(await check(projectId, 2_000)).toMatchObject({ started: true, trigger: "bootstrap" });
  });

  it("does not retry a failed first training until new labels arrive", async () => {
    const projectId = (await createProject(t.db, { name: "broken" })).id;
    await label(projectId, 4, 180_000);
    const first = await check(projectId);
    expect(first).toMatchObject({ started: true, trigger: "bootstrap" });
    await finishTrainingRun(t.db, (first as { trainingRunId: string }).trainingRunId, {
      status: "failed",
      error: "test",
    });
    expect(await check(projectId)).toMatchObject({ started: false });
    // A label newer than the failed run, once settled, gives the first model another chance.
    await t.db
      .updateTable("training_runs")
      .set({ created_at: new Date(Date.now() - 120_000).toISOString() })
      .where("project_id", "=", projectId)
      .execute();
    expect(await check(projectId)).toMatchObject({ started: false });
    await label(projectId, 1, 60_000);
    expect(await check(projectId)).toMatchObject({ started: true, trigger: "bootstrap" });
  });

  it("defers a retraining the concurrentRetrainings quota refuses, and starts it once allowed", async () => {
    const projectId = (
      await createProject(t.db, {
        name: "paused",
        settings: { quotas: { concurrentRetrainings: 0 } },
      })
    ).id;
    await label(projectId, 4, 180_000);
    expect(await check(projectId)).toMatchObject({ started: false, deferred: "quota" });
    expect(await listTrainingRuns(t.db, projectId)).toEqual([]);
    // Nothing was lost: the next check after the quota allows it starts the retraining.
    await updateProject(t.db, projectId, { settings: { quotas: { concurrentRetrainings: 1 } } });
    expect(await check(projectId)).toMatchObject({ started: true, trigger: "bootstrap" });
  });
});
