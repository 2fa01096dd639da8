import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startTestS3Server, type TestS3Server } from "@pagewise/storage/testing-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKeysOnDisk, pageImageKey, sha256OfFile } from "./support/blobs";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

// A scanned receipt: read by OCR, so the worker stores its rendered page image as a blob too.
const SCAN = join(ROOT, "test/fixtures/sroie/files/X51005306399.jpg");
const PREFIX = "pagewise/";

describe("blobs in an S3 bucket (PAGEWISE_BLOB_URL=s3://…)", () => {
  let s3: TestS3Server;
  let platform: Platform;
  beforeAll(async () => {
    s3 = await startTestS3Server();
    // API and worker reach the bucket over TCP, with the credentials in their environment.
    platform = new Platform({ apiEnv: s3.env(PREFIX), workerEnv: s3.env(PREFIX) });
    await platform.start();
  });
  afterAll(async () => {
    await platform?.stop();
    await s3?.close();
  });

  const documentUrl = (id: string) => `/v1/projects/default/documents/${id}`;

  it("keeps originals and page images in the bucket, encrypted, and none in the data folder", async () => {
    const ready = await platform.request("/readyz");
    expect(await ready.json()).toMatchObject({ status: "ready", objectStore: true });

    const [id] = await upload(platform, [SCAN]);
    const done = await waitForTerminal(platform, id!, 180_000);
    expect(["processed", "needs_review"]).toContain(done.status);

    const file = await platform.request(`${documentUrl(id!)}/file`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(SCAN))).toBe(true);
    const image = await platform.request(`${documentUrl(id!)}/pages/0/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");

    const original = sha256OfFile(SCAN);
    const imageKey = await pageImageKey(platform, id!);
    expect(imageKey).not.toBeNull();
    expect(await s3.objectKeys(PREFIX)).toEqual(
      [`${PREFIX}${original}`, `${PREFIX}${imageKey}`].sort(),
    );
    const bytes = await s3.objectBytes(`${PREFIX}${original}`);
    expect(bytes.subarray(0, 4).toString()).toBe("PWEB"); // the encryption envelope
    expect(blobKeysOnDisk(platform)).toEqual([]);
    expect(existsSync(join(platform.dataDir, "blobs"))).toBe(false);

    expect((await platform.request(documentUrl(id!), { method: "DELETE" })).status).toBe(204);
    expect(await s3.objectKeys(PREFIX)).toEqual([]);
  });

  it("refuses to start on a bucket that does not exist, in one line", async () => {
    const broken = new Platform({
      startWorker: false,
      apiEnv: { ...s3.env(PREFIX), PAGEWISE_BLOB_URL: "s3://no-such-bucket/pagewise" },
    });
    try {
      await expect(broken.start()).rejects.toThrow(/API exited/);
      // The reason, on stderr (kept in the API's log), in one line without a stack trace.
      const log = () => readFileSync(join(broken.dataDir, "api.log"), "utf8");
      await expect
        .poll(log)
        .toMatch(
          /^pagewise api: \[blob_bucket_missing\] The bucket no-such-bucket of PAGEWISE_BLOB_URL does not exist at http:\/\/127\.0\.0\.1:\d+: create it, or fix PAGEWISE_BLOB_URL\.$/m,
        );
      expect(log()).not.toMatch(/^\s+at /m);
    } finally {
      await broken.stop();
    }
  });
});
