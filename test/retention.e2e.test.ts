import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKeysOnDisk, pageImageKey } from "./support/blobs";
import { type LayoutJson, upload, waitForTerminal } from "./support/documents";
import { Platform, REDIS_URL, ROOT, sleep } from "./support/platform";

// A scanned receipt: read by OCR, so it has a page image besides its original.
const SCAN = join(ROOT, "test/fixtures/sroie/files/X51005306399.jpg");
const DAY_MS = 24 * 3_600_000;

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * Deletion on time, by the real worker on its schedules: a project's retention period and the
 * orphan-blob sweep; both schedulers come back when Redis loses them.
 */
describe("retention and the orphan-blob sweep in the running platform", () => {
  // Unencrypted (PAGEWISE_ENCRYPTION=off): what secure_delete protects is clear text in the
  // SQLite file; encrypted columns are tested by encryption-at-rest.e2e.test.ts.
  const platform = new Platform({
    apiEnv: { PAGEWISE_ENCRYPTION: "off" },
    workerEnv: {
      PAGEWISE_ENCRYPTION: "off",
      PAGEWISE_RECONCILE_EVERY_MS: "2000",
      PAGEWISE_RETENTION_EVERY_MS: "1000",
      PAGEWISE_BLOB_SWEEP_EVERY_MS: "1000",
      PAGEWISE_BLOB_SWEEP_GRACE_MS: "600000",
    },
  });
  let redis: Redis;
  let maintenance: Queue;

  beforeAll(async () => {
    await platform.start();
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    maintenance = new Queue("maintenance", { connection: redis, prefix: platform.prefix });
  });
  afterAll(async () => {
    await maintenance?.close();
    redis?.disconnect();
    await platform.stop();
  });

  it("deletes a document older than retentionDays with its blobs and its text in SQLite", async () => {
    const [id] = await upload(platform, [SCAN]);
    await waitForTerminal(platform, id!, 180_000);
    expect(await pageImageKey(platform, id!)).not.toBeNull();
    expect(blobKeysOnDisk(platform)).toHaveLength(2);
    const layout = (await (
      await platform.request(`/v1/projects/default/documents/${id}/layout`)
    ).json()) as LayoutJson;
    const words = layout.pages.flatMap((p) => p.tokens.map((t) => t.text));
    const word = words
      .filter((w) => /^[A-Za-z]{6,}$/.test(w))
      .sort((a, b) => b.length - a.length)[0]!;
    const sqliteBytes = () =>
      Buffer.concat(
        [platform.databaseUrl, `${platform.databaseUrl}-wal`]
          .filter(existsSync)
          .map((path) => readFileSync(path)),
      );
    expect(sqliteBytes().includes(word)).toBe(true);

    // Uploaded 40 days ago; the project keeps 30.
    await platform.db
      .updateTable("documents")
      .set({ created_at: new Date(Date.now() - 40 * DAY_MS).toISOString() })
      .where("id", "=", id!)
      .execute();
    expect((await platform.request(`/v1/projects/default/documents/${id}`)).status).toBe(200);
    const patch = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { retentionDays: 30 } }),
    });
    expect(patch.status).toBe(200);

    await until("the retention job", 30_000, async () =>
      (await platform.request(`/v1/projects/default/documents/${id}`)).status === 404
        ? true
        : undefined,
    );
    // The blobs go right after the rows (and the audit line after them).
    await until("the blobs to go", 10_000, async () =>
      blobKeysOnDisk(platform).length === 0 ? true : undefined,
    );
    await until("the audit line", 10_000, async () =>
      platform.workerOutput().includes("expired documents deleted") ? true : undefined,
    );
    const deleted = await platform.db
      .selectFrom("events")
      .select(["actor", "data"])
      .where("type", "=", "document.deleted")
      .execute();
    expect(deleted).toEqual([
      { actor: "retention", data: JSON.stringify({ documentId: id, reason: "retention" }) },
    ]);
    // The worker checkpointed its write-ahead log after the purge (secure_delete zeroed the rest).
    await until("the text to leave the SQLite files", 10_000, async () =>
      sqliteBytes().includes(word) ? undefined : true,
    );
  });

  it("sweeps an orphan blob past its grace period, not a young one, and logs it", async () => {
    const blobOf = (key: string) =>
      join(platform.dataDir, "blobs", key.slice(0, 2), key.slice(2, 4));
    const orphan = randomBytes(32).toString("hex");
    const young = randomBytes(32).toString("hex");
    for (const key of [orphan, young]) {
      mkdirSync(blobOf(key), { recursive: true });
      writeFileSync(join(blobOf(key), key), `left behind ${key}`);
    }
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(blobOf(orphan), orphan), hourAgo, hourAgo);
    await until("the sweep", 30_000, async () =>
      blobKeysOnDisk(platform).includes(orphan) ? undefined : true,
    );
    expect(blobKeysOnDisk(platform)).toContain(young);
    // The sweep logs the keys it removed when it ends.
    await until("the sweep's log line", 10_000, async () =>
      platform.workerOutput().includes(orphan) ? true : undefined,
    );
  });

  it("puts both schedulers back when Redis loses them", async () => {
    const ids = ["purge-expired-documents", "sweep-orphan-blobs"];
    for (const schedulerId of ids) {
      expect(await maintenance.getJobScheduler(schedulerId)).toBeTruthy();
      await maintenance.removeJobScheduler(schedulerId);
    }
    await until("the watchdog", 20_000, async () => {
      const back = await Promise.all(ids.map((s) => maintenance.getJobScheduler(s)));
      return back.every(Boolean) ? true : undefined;
    });
    // The watchdog logs after it has put the schedulers back: the line can reach this process
    // a moment after Redis shows them.
    await expect
      .poll(() => platform.workerOutput())
      .toContain("schedulers were missing from Redis");
  });
});
