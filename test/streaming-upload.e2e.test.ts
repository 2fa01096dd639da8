import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Platform, residentBytes } from "./support/platform";

const MB = 1024 * 1024;

/** A file the API accepts (a PDF by its first bytes) of `size` bytes, random after the header. */
function paddedPdf(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.write("%PDF-1.4\n", 0, "latin1");
  return new Uint8Array(bytes);
}

/**
 * Upload `bytes` while sampling the API's resident memory; returns the answer and how far the
 * API's RSS rose above where it stood just before.
 */
async function measuredUpload(platform: Platform, pid: number, bytes: Uint8Array) {
  const before = residentBytes(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, 10);
  try {
    const form = new FormData();
    form.append("file", new File([bytes], "padded.pdf"));
    const res = await platform.request("/v1/projects/default/documents", {
      method: "POST",
      body: form,
    });
    const body = (await res.json()) as { documents: { id: string }[] };
    peak = Math.max(peak, residentBytes(pid));
    return { status: res.status, id: body.documents?.[0]?.id, before, peak, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe("uploads stream to the blob store", () => {
  // No worker: this measures the API alone.
  const platform = new Platform({ startWorker: false });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("holds an upload's bytes in memory independently of its size (5 MB vs 50 MB)", async () => {
    const pid = platform.apiPid()!;
    // Warm up: the first upload loads the code of the upload path.
    await measuredUpload(platform, pid, paddedPdf(MB));

    const small = await measuredUpload(platform, pid, paddedPdf(5 * MB));
    const bigBytes = paddedPdf(50 * MB - 1024);
    const big = await measuredUpload(platform, pid, bigBytes);
    console.log(
      `API RSS, 5 MB upload: before ${Math.round(small.before / MB)} MB, peak ${Math.round(small.peak / MB)} MB; ` +
        `50 MB upload: before ${Math.round(big.before / MB)} MB, peak ${Math.round(big.peak / MB)} MB`,
    );
    expect(small.status).toBe(202);
    expect(big.status).toBe(202);

    // The stored file is the upload, byte for byte, under its sha256.
    const sha = createHash("sha256").update(bigBytes).digest("hex");
    const res = await platform.request(`/v1/projects/default/documents/${big.id}`);
    expect(await res.json()).toMatchObject({ sizeBytes: bigBytes.byteLength });
    const blobs = readdirSync(join(platform.dataDir, "blobs"), { recursive: true }).map(String);
    expect(blobs.some((path) => path.endsWith(sha))).toBe(true);

    // Buffered whole, 50 MB costs the API at least 50 MB more (a 30 MB upload once took it
    // from 164 to 331 MB); streamed, it costs what a 5 MB upload costs.
    expect(big.growth).toBeLessThan(30 * MB);
    expect(big.growth - small.growth).toBeLessThan(20 * MB);
  });
});
