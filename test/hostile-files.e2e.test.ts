import {
  deepNestingPdf,
  flateBombPdf,
  giantPagePdf,
  makeSolidPng,
  manyBombsPdf,
  manyPagesPdf,
} from "@pagewise/ocr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT, residentBytes, sleep } from "./support/platform";

const MB = 1024 * 1024;
/** The worker's resident memory after the storm must be back under this. */
const RSS_CEILING = 1_100 * MB;
/** Past this after a read, the worker replaces the reader thread that made it. */
const READER_MAX_RSS_MB = 900;
const GOOD = `${ROOT}/test/fixtures/invoice2data/files/FlipkartInvoice.pdf`;

/** Generated here, never committed: small files that cost gigabytes to read without limits. */
async function hostileFiles() {
  return [
    { name: "flate-bomb.pdf", bytes: await flateBombPdf(), code: "document_too_complex" },
    { name: "many-bombs.pdf", bytes: await manyBombsPdf(), code: "document_too_complex" },
    { name: "giant-page.pdf", bytes: giantPagePdf(200_000), code: "document_too_complex" },
    { name: "many-pages.pdf", bytes: manyPagesPdf(20_000), code: "too_many_pages" },
    { name: "pixel-bomb.png", bytes: makeSolidPng(20_000, 20_000), code: "image_too_large" },
    // Readable, just absurd: it must end, whatever its outcome, and leave the worker up.
    { name: "deep-nesting.pdf", bytes: deepNestingPdf(), code: undefined },
    // The largest page the PDF specification allows, blank: read by OCR at `maxPixels`.
    { name: "largest-page.pdf", bytes: giantPagePdf(14_400), code: undefined },
  ];
}

describe("hostile files cannot make the worker's memory grow for good", () => {
  const platform = new Platform({
    workerEnv: { PAGEWISE_READER_MAX_RSS_MB: String(READER_MAX_RSS_MB) },
  });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("fails each hostile file with its code, keeps the worker up, still reads good documents, and the worker's RSS comes back under a ceiling", async () => {
    const pid = platform.workerPid()!;
    // Warm up (reader threads, pdf.js, OCR, models): the baseline is a worker that has worked.
    const [warm] = await upload(platform, [GOOD]);
    expect((await waitForTerminal(platform, warm!)).status).toBe("needs_review");
    const before = residentBytes(pid);

    const files = await hostileFiles();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentBytes(pid));
    }, 100);
    try {
      const rounds = 2;
      const ids: string[] = [];
      for (let round = 0; round < rounds; round++) {
        for (const file of files) ids.push(...(await upload(platform, [file])));
      }
      for (const [i, id] of ids.entries()) {
        const file = files[i % files.length]!;
        const doc = await waitForTerminal(platform, id, 180_000);
        if (file.code) {
          expect({ name: file.name, status: doc.status, code: doc.error?.code }).toEqual({
            name: file.name,
            status: "failed",
            code: file.code,
          });
        } else {
          expect(["needs_review", "failed"], file.name).toContain(doc.status);
        }
      }
    } finally {
      clearInterval(sampler);
    }

    // The worker is the same process, still up, and still reads.
    expect(platform.workerPid()).toBe(pid);
    const [good] = await upload(platform, [GOOD]);
    expect((await waitForTerminal(platform, good!)).status).toBe("needs_review");

    // Threads that grew are replaced after their request; give the allocator a moment.
    let after = residentBytes(pid);
    for (let i = 0; i < 20 && after > RSS_CEILING; i++) {
      await sleep(500);
      after = residentBytes(pid);
    }
    console.log(
      `worker RSS: before ${Math.round(before / MB)} MB, peak ${Math.round(peak / MB)} MB, ` +
        `after ${Math.round(after / MB)} MB`,
    );
    expect(after).toBeLessThan(RSS_CEILING);
    // The largest page took the worker past its limit: the thread that read it was replaced.
    expect(platform.workerOutput()).toMatch(/reader thread recycled/);
  });
});
