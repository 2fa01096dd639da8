import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobStoreLocation } from "./blob-store-location";
import { LocalBlobStore } from "./local-blob-store";
import { openBlobStore } from "./open-blob-store";
import { S3BlobStore } from "./s3-blob-store";
import { StartupError } from "./startup-error";
import { startTestS3Server, type TestS3Server } from "./testing-s3";

let s3: TestS3Server;
const savedEnv = { ...process.env };
beforeAll(async () => {
  s3 = await startTestS3Server();
  // The factory's client takes credentials from the SDK's default chain, as in production.
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY } = s3.env();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY });
});
afterAll(async () => {
  process.env = savedEnv;
  await s3?.close();
});

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("blobStoreLocation", () => {
  it("keeps the local folder unless PAGEWISE_BLOB_URL names a bucket", () => {
    expect(blobStoreLocation({}, "/data/blobs")).toEqual({ kind: "local", dir: "/data/blobs" });
    expect(blobStoreLocation({ PAGEWISE_BLOB_URL: "s3://docs/pagewise/prod" }, "/x")).toEqual({
      kind: "s3",
      bucket: "docs",
      prefix: "pagewise/prod/",
      endpoint: undefined,
      region: "us-east-1",
      forcePathStyle: false,
    });
  });

  it("uses path-style addressing by default only with a custom endpoint", () => {
    const withEndpoint = (extra: object) =>
      blobStoreLocation(
        { PAGEWISE_BLOB_URL: "s3://docs", PAGEWISE_S3_ENDPOINT: "http://127.0.0.1:9000", ...extra },
        "/x",
      );
    expect(withEndpoint({})).toMatchObject({ prefix: "", forcePathStyle: true });
    expect(withEndpoint({ PAGEWISE_S3_FORCE_PATH_STYLE: "off" })).toMatchObject({
      forcePathStyle: false,
    });
  });
});

describe("openBlobStore", () => {
  it("opens the local folder by default, creating it", async () => {
    const blobDir = join(mkdtempSync(join(tmpdir(), "pagewise-open-blobs-")), "blobs");
    const opened = await openBlobStore({}, { blobDir });
    expect(opened.store).toBeInstanceOf(LocalBlobStore);
    expect(opened).toMatchObject({ kind: "local", localDir: blobDir, location: blobDir });
    expect(existsSync(blobDir)).toBe(true);
    expect(await opened.ping()).toBe(true);
  });

  it("opens the bucket under its prefix and writes nothing to the local folder", async () => {
    const blobDir = join(mkdtempSync(join(tmpdir(), "pagewise-open-blobs-")), "blobs");
    const opened = await openBlobStore(s3.env("tenant-a"), { blobDir });
    try {
      expect(opened.store).toBeInstanceOf(S3BlobStore);
      expect(opened).toMatchObject({
        kind: "s3",
        localDir: undefined,
        location: `s3://${s3.bucket}/tenant-a/`,
      });
      const { key } = await opened.store.put(new TextEncoder().encode("an original"));
      expect(await s3.objectKeys("tenant-a/")).toEqual([`tenant-a/${key}`]);
      expect(await opened.ping()).toBe(true);
      expect(existsSync(blobDir)).toBe(false);
    } finally {
      opened.close();
    }
  });

  it("refuses to start on a missing bucket or an endpoint that does not answer, in one line", async () => {
    const blobDir = join(tmpdir(), "never-created");
    const missing = openBlobStore(
      { ...s3.env(), PAGEWISE_BLOB_URL: "s3://no-such-bucket/p" },
      { blobDir },
    );
    await expect(missing).rejects.toBeInstanceOf(StartupError);
    await expect(missing).rejects.toMatchObject({
      code: "blob_bucket_missing",
      message: expect.stringMatching(/^The bucket no-such-bucket of PAGEWISE_BLOB_URL does not/),
    });
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const away = openBlobStore({ ...s3.env(), PAGEWISE_S3_ENDPOINT: endpoint }, { blobDir });
    await expect(away).rejects.toMatchObject({
      code: "blob_store_unreachable",
      message: expect.stringContaining(`Cannot reach the S3 store at ${endpoint}`),
    });
    for (const error of [await missing.catch((e) => e), await away.catch((e) => e)]) {
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
