import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import { type Dialect, LocalBlobStore, pingDatabase } from "@pagewise/storage";
import { createTestDatabase } from "@pagewise/storage/testing";
import pino from "pino";
import { createApp } from "./app";
import { bootstrapDefaultProject } from "./bootstrap";
import type { ApiDeps } from "./context";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A real app over a real database, a real blob folder and real Redis (own key prefix). */
export async function createTestApi(
  dialect: Dialect,
  limits = { maxFileBytes: 5_000_000, maxFilesPerRequest: 5 },
  overrides: Partial<Pick<ApiDeps, "metrics" | "rateLimit" | "auth" | "webhooks">> = {},
) {
  const database = await createTestDatabase(dialect);
  const blobDir = mkdtempSync(join(tmpdir(), "pagewise-api-blobs-"));
  const redis = createRedisConnection(REDIS_URL);
  const prefix = `pw-api-test-${randomBytes(4).toString("hex")}`;
  const producer = new JobProducer(redis, prefix);
  const adminToken = `pw_test_admin_${randomBytes(12).toString("hex")}`;
  await bootstrapDefaultProject(database.db, adminToken);
  const app = createApp({
    db: database.db,
    blobs: new LocalBlobStore(blobDir),
    producer,
    logger: pino({ level: "silent" }),
    limits,
    checkReady: async () => ({ database: await pingDatabase(database.db), redis: true }),
    ...overrides,
  });
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  return {
    app,
    db: database.db,
    producer,
    redis,
    prefix,
    adminToken,
    auth,
    /** Where the blob store keeps its files (tests check that a refused upload stored none). */
    blobDir,
    async close() {
      await producer.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await database.drop();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
