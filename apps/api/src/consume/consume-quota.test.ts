import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProject, LocalBlobStore } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";
import { RedisLease } from "./consume-lock";
import { FolderConsumer } from "./folder-consumer";

const pdf = () => `%PDF-1.4\n% ${randomBytes(8).toString("hex")}\n%%EOF\n`;

describe.each(TEST_DIALECTS)("the consume folder under a project's quota (%s)", (dialect) => {
  let api: TestApi;
  let dir = "";
  let consumer: FolderConsumer;

  beforeAll(async () => {
    api = await createTestApi(dialect);
    dir = mkdtempSync(join(tmpdir(), "pagewise-consume-quota-"));
    consumer = new FolderConsumer(
      {
        db: api.db,
        blobs: new LocalBlobStore(api.blobDir),
        producer: api.producer,
        logger: pino({ level: "silent" }),
        limits: { maxFileBytes: 5_000_000, maxFilesPerRequest: 5 },
      },
      new RedisLease(api.redis, `${api.prefix}:consume-lock`, 60_000),
      { dir, defaultProject: "default", pollMs: 1000 },
    );
  });
  afterAll(async () => {
    await consumer.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const documents = async (projectId: string) =>
    api.db.selectFrom("documents").select("id").where("project_id", "=", projectId).execute();

  it("leaves a file over the quota where it is, and consumes it once the window frees", async () => {
    const project = await createProject(api.db, {
      name: "metered",
      settings: { quotas: { documentsPerDay: 1 } },
    });
    mkdirSync(join(dir, "metered"));
    writeFileSync(join(dir, "metered", "a.pdf"), pdf());
    writeFileSync(join(dir, "metered", "b.pdf"), pdf());
    // A file is taken once it stopped changing between two scans: a few rounds settle both.
    for (let round = 0; round < 4; round++) await consumer.tick();
    expect(consumer.status()).toMatchObject({ consumed: 1, failed: 0, pending: 1 });
    expect(readdirSync(join(dir, "metered"))).toHaveLength(1);
    expect(existsSync(join(dir, "failed", "metered"))).toBe(false);
    const [first] = await documents(project.id);
    // 25 hours later (as far as the quota can tell), the waiting file goes in.
    await api.db
      .updateTable("documents")
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000).toISOString() })
      .where("id", "=", first!.id)
      .execute();
    await consumer.tick();
    expect(consumer.status()).toMatchObject({ consumed: 2, failed: 0, pending: 0 });
    expect(readdirSync(join(dir, "metered"))).toEqual([]);
    expect(await documents(project.id)).toHaveLength(2);
  });
});
