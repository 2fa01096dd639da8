import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKeysOnDisk, pageImageKey, sha256OfFile } from "./support/blobs";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

// A scanned receipt: read by OCR, so the worker keeps its rendered page image as a blob.
const SCAN = join(ROOT, "test/fixtures/sroie/files/X51005306399.jpg");

describe("deleting a document", () => {
  const platform = new Platform();
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  const documentUrl = (id: string) => `/v1/projects/default/documents/${id}`;
  const remove = (id: string) => platform.request(documentUrl(id), { method: "DELETE" });

  it("removes its original and its page image from the data folder, and then answers 404", async () => {
    const [id] = await upload(platform, [SCAN]);
    await waitForTerminal(platform, id!, 180_000);
    const image = await pageImageKey(platform, id!);
    expect(image).not.toBeNull();
    const original = sha256OfFile(SCAN);
    expect(blobKeysOnDisk(platform).sort()).toEqual([original, image!].sort());

    expect((await remove(id!)).status).toBe(204);
    expect(blobKeysOnDisk(platform)).toEqual([]);
    expect((await platform.request(documentUrl(id!))).status).toBe(404);
    expect((await platform.request(`${documentUrl(id!)}/pages/0/image`)).status).toBe(404);
    expect((await remove(id!)).status).toBe(404);
  });

  it("keeps the blobs another document shares (same file uploaded twice)", async () => {
    const [first] = await upload(platform, [SCAN]);
    const [second] = await upload(platform, [SCAN]);
    await waitForTerminal(platform, first!, 180_000);
    await waitForTerminal(platform, second!, 180_000);
    const image = await pageImageKey(platform, second!);
    expect(await pageImageKey(platform, first!)).toBe(image);

    expect((await remove(first!)).status).toBe(204);
    expect(blobKeysOnDisk(platform).sort()).toEqual([sha256OfFile(SCAN), image!].sort());
    expect((await platform.request(`${documentUrl(second!)}/file`)).status).toBe(200);
    expect((await platform.request(`${documentUrl(second!)}/pages/0/image`)).status).toBe(200);

    expect((await remove(second!)).status).toBe(204);
    expect(blobKeysOnDisk(platform)).toEqual([]);
  });
});
