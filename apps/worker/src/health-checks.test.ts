import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedisConnection } from "@pagewise/queue";
import { openBlobStore } from "@pagewise/storage";
import { createTestDatabase, type TestDatabase } from "@pagewise/storage/testing";
import { startTestS3Server } from "@pagewise/storage/testing-s3";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerHealthRoutes } from "./health-checks";

describe("the worker's /readyz with blobs in S3", () => {
  let t: TestDatabase;
  let redis: Redis;
  let s3: Awaited<ReturnType<typeof startTestS3Server>>;
  let s3Closed = false;
  const blobDir = join(tmpdir(), "pagewise-never-created");
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    redis = createRedisConnection(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    s3 = await startTestS3Server();
    // The SDK reads credentials from the environment, as in a deployment.
    const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = s3.env();
    Object.assign(process.env, { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY });
  });
  afterAll(async () => {
    redis.disconnect();
    await t.drop();
    if (!s3Closed) await s3.close();
  });

  it("reports objectStore, and is not ready while the bucket does not answer", async () => {
    const opened = await openBlobStore(s3.env("ready"), { blobDir });
    const routes = workerHealthRoutes({ db: t.db, redis, pingObjectStore: () => opened.ping() });
    expect(await routes["/readyz"]()).toEqual({
      status: 200,
      body: { status: "ready", database: true, redis: true, objectStore: true },
    });
    await s3.close();
    s3Closed = true;
    expect(await routes["/readyz"]()).toMatchObject({
      status: 503,
      body: { status: "not_ready", database: true, redis: true, objectStore: false },
    });
    opened.close();
  });

  it("says nothing of an object store when blobs are local", async () => {
    const routes = workerHealthRoutes({ db: t.db, redis });
    expect(await routes["/readyz"]()).toEqual({
      status: 200,
      body: { status: "ready", database: true, redis: true },
    });
  });
});
