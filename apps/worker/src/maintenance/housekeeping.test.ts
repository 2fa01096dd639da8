import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import {
  createProject,
  getDocumentById,
  insertDocument,
  LocalBlobStore,
  storeReferencedBlob,
  updateProject,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { purgeExpiredDocuments, RETENTION_ACTOR } from "./purge-expired-documents";
import {
  BLOB_SWEEP_SCHEDULER_ID,
  ensureSchedules,
  RECONCILE_SCHEDULER_ID,
  RETENTION_SCHEDULER_ID,
} from "./schedules";
import { sweepBlobs } from "./sweep-blobs";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const DAY_MS = 24 * 3_600_000;
const log = pino({ level: "silent" });
const encode = (text: string) => new TextEncoder().encode(text);

describe.each(TEST_DIALECTS)("retention and the orphan-blob sweep on %s", (dialect) => {
  let t: TestDatabase;
  let blobDir: string;
  let blobs: LocalBlobStore;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    blobDir = mkdtempSync(join(tmpdir(), "pagewise-housekeeping-"));
    blobs = new LocalBlobStore(blobDir);
  });
  afterAll(async () => {
    await t.drop();
    rmSync(blobDir, { recursive: true, force: true });
  });

  /** A document uploaded `ageDays` ago, with its own original. */
  async function upload(
    projectId: string,
    ageDays: number,
    bytes = encode(`%PDF ${Math.random()}`),
  ) {
    let id = "";
    const key = await storeReferencedBlob(t.db, blobs, bytes, async (blobKey) => {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: "r.pdf",
        sizeBytes: bytes.byteLength,
        sha256: blobKey,
        blobKey,
      });
      id = document.id;
      return true;
    });
    const createdAt = new Date(Date.now() - ageDays * DAY_MS).toISOString();
    await t.db
      .updateTable("documents")
      .set({ created_at: createdAt })
      .where("id", "=", id)
      .execute();
    return { id, key: key! };
  }

  it("deletes documents older than the project's retentionDays like DELETE, and no others", async () => {
    const kept = await createProject(t.db, { name: `keep-${dialect}` });
    const limited = await createProject(t.db, { name: `limit-${dialect}` });
    await updateProject(t.db, limited.id, { settings: { retentionDays: 30 } });
    const shared = encode(`%PDF shared ${Math.random()}`);
    const old = await upload(limited.id, 31);
    const oldShared = await upload(limited.id, 40, shared);
    const recent = await upload(limited.id, 29, shared);
    const foreverOld = await upload(kept.id, 400);

    const result = await purgeExpiredDocuments({ db: t.db, blobs }, log);
    expect(result).toEqual({ documents: 2, blobsDeleted: 1 });
    expect(await getDocumentById(t.db, old.id)).toBeNull();
    expect(await getDocumentById(t.db, oldShared.id)).toBeNull();
    expect(await blobs.has(old.key)).toBe(false);
    // The recent document shares the old one's bytes: they stay.
    expect(await blobs.has(oldShared.key)).toBe(true);
    expect(await getDocumentById(t.db, recent.id)).not.toBeNull();
    expect(await getDocumentById(t.db, foreverOld.id)).not.toBeNull();
    const trail = await t.db
      .selectFrom("events")
      .select(["actor", "data"])
      .where("project_id", "=", limited.id)
      .where("type", "=", "document.deleted")
      .execute();
    expect(trail.map((e) => e.actor)).toEqual([RETENTION_ACTOR, RETENTION_ACTOR]);
    expect(trail.map((e) => JSON.parse(e.data).reason)).toEqual(["retention", "retention"]);
    // Nothing more to do the second time.
    expect(await purgeExpiredDocuments({ db: t.db, blobs }, log)).toEqual({
      documents: 0,
      blobsDeleted: 0,
    });
  });

  it("sweeps blobs no row points at once they are past the grace period, and logs them", async () => {
    const project = await createProject(t.db, { name: `sweep-${dialect}` });
    const owned = await upload(project.id, 5);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(
      join(blobDir, owned.key.slice(0, 2), owned.key.slice(2, 4), owned.key),
      hourAgo,
      hourAgo,
    );
    const orphan = await blobs.put(encode(`orphan ${Math.random()}`));
    const path = join(blobDir, orphan.key.slice(0, 2), orphan.key.slice(2, 4), orphan.key);
    utimesSync(path, hourAgo, hourAgo);
    const inFlight = await blobs.put(encode(`just written ${Math.random()}`));
    // A model artifact is referenced through the version's JSON.
    const artifact = await blobs.put(encode(`weights ${Math.random()}`));
    utimesSync(
      join(blobDir, artifact.key.slice(0, 2), artifact.key.slice(2, 4), artifact.key),
      hourAgo,
      hourAgo,
    );
    const now = new Date().toISOString();
    const modelId = `rmd_${randomBytes(4).toString("hex")}`;
    await t.db
      .insertInto("registered_models")
      .values({ id: modelId, project_id: project.id, kind: "classifier", created_at: now })
      .execute();
    await t.db
      .insertInto("model_versions")
      .values({
        id: `mv_${randomBytes(4).toString("hex")}`,
        registered_model_id: modelId,
        version: 1,
        status: "ready",
        training_run_id: null,
        artifacts: JSON.stringify({ "weights.bin": artifact.key }),
        lineage: "{}",
        metrics: null,
        gate_report: null,
        error: null,
        created_at: now,
        updated_at: now,
      })
      .execute();

    const lines: Record<string, unknown>[] = [];
    const recording = pino(
      { level: "info" },
      { write: (line: string) => lines.push(JSON.parse(line)) },
    );
    const result = await sweepBlobs({ db: t.db, blobs }, recording, 10 * 60_000);
    expect(result.removedKeys).toContain(orphan.key);
    expect(await blobs.has(orphan.key)).toBe(false);
    expect(await blobs.has(owned.key)).toBe(true);
    expect(await blobs.has(inFlight.key)).toBe(true);
    expect(await blobs.has(artifact.key)).toBe(true);
    expect(result.young).toBeGreaterThanOrEqual(1);
    expect(lines.find((l) => l.msg === "orphan blobs deleted")).toMatchObject({
      removed: result.removed,
      keys: expect.arrayContaining([orphan.key]),
    });
  });
});

describe("the housekeeping schedulers", () => {
  let t: TestDatabase;
  let producer: JobProducer;
  let redis: ReturnType<typeof createRedisConnection>;
  const prefix = `pw-housekeeping-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
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

  it("are created with the others and put back when Redis lost them", async () => {
    const deps = { db: t.db, producer } as unknown as WorkerDeps;
    const options = { reconcileEveryMs: 60_000, blobSweepGraceMs: 123_000 };
    expect(await ensureSchedules(deps, { ...options, always: false })).toMatchObject({
      reconcile: true,
      housekeeping: 2,
    });
    const maintenance = producer.queue("maintenance");
    const sweep = await maintenance.getJobScheduler(BLOB_SWEEP_SCHEDULER_ID);
    expect(sweep?.template?.data).toEqual({ graceMs: 123_000 });
    expect(await ensureSchedules(deps, { ...options, always: false })).toMatchObject({
      reconcile: false,
      housekeeping: 0,
    });
    // What losing Redis's data does to them.
    for (const id of [RECONCILE_SCHEDULER_ID, RETENTION_SCHEDULER_ID, BLOB_SWEEP_SCHEDULER_ID]) {
      await maintenance.removeJobScheduler(id);
    }
    expect(await ensureSchedules(deps, { ...options, always: false })).toMatchObject({
      reconcile: true,
      housekeeping: 2,
    });
    expect(await maintenance.getJobScheduler(RETENTION_SCHEDULER_ID)).toBeTruthy();
    expect(await maintenance.getJobScheduler(BLOB_SWEEP_SCHEDULER_ID)).toBeTruthy();
  });
});
