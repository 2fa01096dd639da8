import { LayoutSchema, pageText } from "@pagewise/core";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentReader } from "./document-reader";
import { readFixture, readFixtureJson } from "./test-fixtures";

interface ReceiptGt {
  fields: { company: string; date: string; address: string; total: string };
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

describe("OCR through the reader threads", () => {
  const reader = new DocumentReader({ threads: 1, recycleAfterPages: 1 });
  afterAll(() => reader.close());

  it("reads a scanned receipt's total as a token and returns its display image", async () => {
    const gt = readFixtureJson<ReceiptGt>("sroie/gt/X51005306399.json");
    const { page, image } = await reader.readPage(
      readFixture("sroie/files/X51005306399.jpg"),
      "image/jpeg",
      0,
    );
    expect(LayoutSchema.shape.pages.element.parse(page)).toEqual(page);
    expect(page.source).toBe("ocr");
    expect([page.width, page.height]).toEqual([447, 915]);
    expect(image && [image.width, image.height]).toEqual([447, 915]);
    expect([...image!.png.subarray(0, 4)]).toEqual(PNG_MAGIC);
    expect(page.tokens.map((t) => t.text)).toContain(gt.fields.total);
    expect(pageText(page).toUpperCase()).toContain(gt.fields.company);
    expect(page.tokens.every((t) => t.confidence >= 0 && t.confidence <= 1)).toBe(true);
    expect(page.tokens.some((t) => t.confidence < 1)).toBe(true);
  });

  it("OCRs a PDF page that holds only a scanned image (recycling tesseract in between)", async () => {
    const gt = readFixtureJson<ReceiptGt>("image-only/X00016469619.json");
    const { page, image } = await reader.readPage(
      readFixture("image-only/X00016469619.pdf"),
      "application/pdf",
      0,
    );
    expect(page.source).toBe("ocr");
    // The page is the 439 × 1004 px scan at 150 dpi, so its display image is that size again.
    expect([page.width, page.height]).toEqual([439, 1004]);
    expect(image && [image.width, image.height]).toEqual([439, 1004]);
    expect(page.tokens.map((t) => t.text)).toContain(gt.fields.date);
    // The shop's name, on the line after the cashier's: lines run top to bottom.
    const lines = pageText(page).split("\n");
    expect(lines.findIndex((l) => l.includes("GIFT"))).toBeLessThan(
      lines.findIndex((l) => l.includes("RECEIPT")),
    );
  });

  it("keeps the caller's event loop free while a page is recognized", async () => {
    let last = performance.now();
    let worst = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 5);
    await reader.readPage(readFixture("sroie/files/X51005442341.jpg"), "image/jpeg", 0);
    clearInterval(timer);
    // Recognizing the page takes seconds; a caller blocked by it would stall that long. The
    // margin is for a loaded machine (CI runs other test files alongside), not for the OCR.
    expect(worst).toBeLessThan(1000);
  });
});

describe("OCR with several languages", () => {
  const reader = new DocumentReader({ threads: 1, languages: "eng+deu" });
  afterAll(() => reader.close());

  it("reads with English and German data together, offline from the installed packages", async () => {
    const gt = readFixtureJson<ReceiptGt>("sroie/gt/X51005306399.json");
    const { page } = await reader.readPage(
      readFixture("sroie/files/X51005306399.jpg"),
      "image/jpeg",
      0,
    );
    expect(page.source).toBe("ocr");
    expect(page.tokens.map((t) => t.text)).toContain(gt.fields.total);
  });
});
