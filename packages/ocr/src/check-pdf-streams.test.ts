import { isPagewiseError } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { checkPdfStreams } from "./check-pdf-streams";
import { DocumentReader } from "./document-reader";
import { flateBombPdf, giantPagePdf, manyBombsPdf, truncatedBombsPdf } from "./hostile-pdfs";
import { readFixture } from "./test-fixtures";

const MB = 1024 * 1024;
const limits = { maxStreamBytes: 8 * MB, maxDecodedBytes: 32 * MB };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (isPagewiseError(error)) return error.code;
    throw error;
  }
}

describe("checkPdfStreams", () => {
  it("refuses a stream that inflates past the per-stream limit", async () => {
    const bomb = await flateBombPdf(9 * MB);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await codeOf(checkPdfStreams(bomb, limits))).toBe("document_too_complex");
    expect(await codeOf(checkPdfStreams(await flateBombPdf(7 * MB), limits))).toBeUndefined();
  });

  it("refuses streams that together inflate past the per-document limit", async () => {
    const spread = await manyBombsPdf(5, 7 * MB);
    expect(await codeOf(checkPdfStreams(spread, limits))).toBe("document_too_complex");
    expect(await codeOf(checkPdfStreams(await manyBombsPdf(4, 7 * MB), limits))).toBeUndefined();
  });

  it("counts streams that decode past what is inflated in one call (8 MiB) exactly", async () => {
    // Above the one-call cap, each stream is counted again by streaming: 3 × 12 MB = 36 MB.
    const wide = { maxStreamBytes: 16 * MB, maxDecodedBytes: 40 * MB };
    expect(await codeOf(checkPdfStreams(await manyBombsPdf(3, 12 * MB), wide))).toBeUndefined();
    expect(await codeOf(checkPdfStreams(await manyBombsPdf(4, 12 * MB), wide))).toBe(
      "document_too_complex",
    );
  });

  it("counts a truncated stream up to where it breaks", async () => {
    // Each stream fails at its cut after ~4.8 MB: what it gave counts towards the document.
    const tight = { maxStreamBytes: 8 * MB, maxDecodedBytes: 12 * MB };
    expect(
      await codeOf(checkPdfStreams(await truncatedBombsPdf(2, 6 * MB), tight)),
    ).toBeUndefined();
    expect(await codeOf(checkPdfStreams(await truncatedBombsPdf(3, 6 * MB), tight))).toBe(
      "document_too_complex",
    );
  });

  it("passes ordinary PDFs", async () => {
    const pdf = readFixture("invoice2data/files/FlipkartInvoice.pdf");
    expect(await codeOf(checkPdfStreams(pdf, limits))).toBeUndefined();
  });
});

describe("the reader refuses hostile PDFs", () => {
  it("fails a 1 GiB flate bomb at inspection and a 200000 pt page without rendering it", async () => {
    const reader = new DocumentReader({ threads: 1 });
    try {
      expect(await codeOf(reader.inspect(await flateBombPdf()))).toBe("document_too_complex");
      const giant = giantPagePdf(200_000);
      const { mime } = await reader.inspect(giant);
      expect(await codeOf(reader.readPage(giant, mime, 0))).toBe("document_too_complex");
      expect(await codeOf(reader.renderPage(giant, mime, 0))).toBe("document_too_complex");
    } finally {
      await reader.close();
    }
  });
});
