import { LayoutSchema, PAGE_IMAGE_DPI, pageText } from "@pagewise/core";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentReader } from "./document-reader";
import { readDocument } from "./read-document";
import { readFixture, readFixtureJson } from "./test-fixtures";

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

describe("DocumentReader on born-digital PDFs", () => {
  const reader = new DocumentReader({ threads: 2 });
  afterAll(() => reader.close());

  it("reads a text page from the text layer without rendering it", async () => {
    const bytes = readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf");
    const { page, image } = await reader.readPage(bytes, "application/pdf", 0);
    expect(page.source).toBe("text");
    expect(image).toBeUndefined();
    expect(page.tokens.map((t) => t.text)).toContain("471102");
  });

  it("reads every page of a document, in order, through readDocument", async () => {
    const gt = readFixtureJson<{ fields: { parties: string[] } }>(
      "kleister_nda/gt/00a1d238e37ac225b8045a97953e845d.json",
    );
    const layout = await readDocument(
      reader,
      readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf"),
    );
    expect(LayoutSchema.parse(layout)).toEqual(layout);
    expect(layout.pages.map((p) => [p.index, p.source])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [i, "text"]),
    );
    expect(pageText(layout.pages[0]!)).toContain(gt.fields.parties[0]);
  });

  it("ingests a text PDF in one call: its page count and every page's text layer, as readPage reads them", async () => {
    const bytes = readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf");
    const { info, textPages } = await reader.ingest(bytes);
    expect(info).toMatchObject({ mime: "application/pdf", pageCount: 5, einvoice: null });
    expect(textPages.map((p) => [p.index, p.source])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [i, "text"]),
    );
    const { page } = await reader.readPage(bytes, "application/pdf", 3);
    expect(textPages[3]).toEqual(page);
  });

  it("leaves a page without a text layer to readPage, and an image's pages too", async () => {
    const scanPdf = await reader.ingest(readFixture("image-only/X00016469619.pdf"));
    expect(scanPdf.info).toMatchObject({ mime: "application/pdf", pageCount: 1 });
    expect(scanPdf.textPages).toEqual([]);
    const scan = await reader.ingest(readFixture("sroie/files/X00016469619.jpg"));
    expect(scan.info).toMatchObject({ mime: "image/jpeg", pageCount: 1 });
    expect(scan.textPages).toEqual([]);
  });

  it("renders the display image at the size the text layer reports", async () => {
    const bytes = readFixture("invoice2data/files/AmazonWebServices.pdf");
    const [{ page }, image] = await Promise.all([
      reader.readPage(bytes, "application/pdf", 0),
      reader.renderPage(bytes, "application/pdf", 0),
    ]);
    expect([image.width, image.height]).toEqual([page.width, page.height]);
    expect([...image.png.subarray(0, 4)]).toEqual(PNG_MAGIC);
    // US letter at 150 dpi.
    expect(image.width).toBe(Math.ceil(8.5 * PAGE_IMAGE_DPI));
  });
});

describe("DocumentReader robustness", () => {
  const reader = new DocumentReader({ threads: 1 });
  afterAll(() => reader.close());
  const good = readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf");

  it("keeps its thread serving after a bad document and a missing page", async () => {
    await expect(
      reader.readPage(readFixture("pdfjs_malformed/files/bug1020226.pdf"), "application/pdf", 0),
    ).rejects.toMatchObject({ code: "corrupt_pdf" });
    await expect(reader.readPage(good, "application/pdf", 7)).rejects.toMatchObject({
      code: "page_unreadable",
    });
    await expect(reader.readPage(readFixture("fake.pdf"), "image/png", 0)).rejects.toMatchObject({
      code: "corrupt_image",
    });
    const { page } = await reader.readPage(good, "application/pdf", 0);
    expect(page.source).toBe("text");
  });

  it("stops a call that runs over its time limit and replaces the thread", async () => {
    const receipt = readFixture("sroie/files/X51005306399.jpg");
    await expect(
      reader.readPage(receipt, "image/jpeg", 0, { timeoutMs: 30 }),
    ).rejects.toMatchObject({ code: "read_timeout" });
    const { page } = await reader.readPage(good, "application/pdf", 0);
    expect(page.tokens.length).toBeGreaterThan(50);
  });

  it("refuses a pixel bomb from its header, inside the thread too", async () => {
    const { makeSolidPng } = await import("./test-images");
    await expect(
      reader.readPage(makeSolidPng(20_000, 20_000), "image/png", 0),
    ).rejects.toMatchObject({
      code: "image_too_large",
    });
  });
});

describe("DocumentReader memory limit", () => {
  it("replaces the thread that answered when the process is past its RSS limit, and reads on", async () => {
    const recycled: number[] = [];
    const raised: Array<{ floor: number; limit: number }> = [];
    // 1 MiB: every process is past it, so the first call recycles its thread.
    const reader = new DocumentReader({
      threads: 1,
      maxRssMb: 1,
      onThreadRecycled: (rss) => recycled.push(rss),
      onMemoryLimitRaised: (floor, limit) => raised.push({ floor, limit }),
    });
    try {
      const good = readFixture("invoice2data/files/FlipkartInvoice.pdf");
      const first = await reader.readPage(good, "application/pdf", 0);
      expect(recycled).toHaveLength(1);
      expect(recycled[0]).toBeGreaterThan(1024 * 1024);
      // With the thread gone the process is still past 1 MiB: the memory is not the threads',
      // so the limit rises above what is left instead of replacing a thread after every call.
      await expect.poll(() => raised.length).toBe(1);
      expect(raised[0]!.floor).toBeGreaterThan(1024 * 1024);
      expect(raised[0]!.limit).toBeGreaterThanOrEqual(raised[0]!.floor + 512 * 1024 * 1024);
      for (let i = 0; i < 3; i++) {
        const again = await reader.readPage(good, "application/pdf", 0);
        expect(again.page.tokens).toEqual(first.page.tokens);
      }
      expect(recycled).toHaveLength(1);
    } finally {
      await reader.close();
    }
  });
});

describe("DocumentReader scheduling", () => {
  it("reads a document before page images made ahead of time, one image at a time", async () => {
    const reader = new DocumentReader({ threads: 2 });
    try {
      const page = readFixture("invoice2data/files/AmazonWebServices.pdf");
      const document = readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf");
      const done: string[] = [];
      let mostInBackground = 0;
      const watch = setInterval(() => {
        mostInBackground = Math.max(mostInBackground, reader.stats().busyInBackground);
      }, 5);
      // Four images queued first, then a document to read: it does not wait behind them.
      const renders = [0, 1, 2, 3].map((i) =>
        reader
          .renderPage(page, "application/pdf", 0, { background: true })
          .then(() => done.push(`render ${i}`)),
      );
      const ingest = reader.ingest(document).then(() => done.push("ingest"));
      await Promise.all([...renders, ingest]);
      clearInterval(watch);
      expect(done[0]).toBe("ingest");
      expect(done.slice(1)).toEqual(["render 0", "render 1", "render 2", "render 3"]);
      // Background work never holds the last free thread.
      expect(mostInBackground).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it("keeps its threads started and warm, and replaces one it had to end", async () => {
    const reader = new DocumentReader({ threads: 2, keepWarm: true, timeoutMs: 50 });
    try {
      // Ready without any request: the first document does not wait for a thread to load.
      await expect.poll(() => reader.stats().ready, { timeout: 30_000 }).toBe(2);
      // A call over its time limit ends its thread; a new one starts at once, not on demand.
      const big = readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf");
      await expect(reader.renderPage(big, "application/pdf", 0)).rejects.toMatchObject({
        code: "read_timeout",
      });
      expect(reader.stats().threads).toBe(2);
      await expect.poll(() => reader.stats().ready, { timeout: 30_000 }).toBe(2);
    } finally {
      await reader.close();
    }
  });
});
