import { PagewiseError } from "@pagewise/core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectDocument } from "./inspect-document";
import { DEFAULT_READ_LIMITS } from "./read-limits";
import { readFixture } from "./test-fixtures";
import { makeSolidPng } from "./test-images";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PagewiseError) return error.code;
    throw error;
  }
  throw new Error("expected a PagewiseError");
}

describe("inspectDocument", () => {
  it("counts the pages of a PDF and of an image", async () => {
    await expect(
      inspectDocument(readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf")),
    ).resolves.toEqual({ mime: "application/pdf", pageCount: 5, einvoice: null });
    await expect(inspectDocument(readFixture("sroie/files/X51005306399.jpg"))).resolves.toEqual({
      mime: "image/jpeg",
      pageCount: 1,
      einvoice: null,
    });
  });

  it("refuses empty files, non-documents and files over the byte limit", async () => {
    expect(await codeOf(inspectDocument(new Uint8Array(0)))).toBe("empty_file");
    expect(await codeOf(inspectDocument(readFixture("fake.pdf")))).toBe("unsupported_type");
    const pdf = readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf");
    const limits = { ...DEFAULT_READ_LIMITS, maxBytes: pdf.length - 1 };
    expect(await codeOf(inspectDocument(pdf, limits))).toBe("file_too_large");
  });

  it("reads the e-invoice a ZUGFeRD PDF embeds, and an XML e-invoice as a document of no pages", async () => {
    const pdf = await inspectDocument(
      readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"),
    );
    expect(pdf).toMatchObject({ mime: "application/pdf", pageCount: 1 });
    expect(pdf.einvoice).toMatchObject({ syntax: "zugferd1", attachment: "ZUGFeRD-invoice.xml" });
    const xml = await inspectDocument(readFixture("einvoice/ubl-invoice.xml"));
    expect(xml).toMatchObject({ mime: "application/xml", pageCount: 0 });
    expect(xml.einvoice).toMatchObject({ syntax: "ubl", attachment: null });
    const broken = new TextEncoder().encode("<Invoice><ID>1</Invoice>");
    expect(await codeOf(inspectDocument(broken))).toBe("invalid_einvoice");
  });

  it("refuses a document with more pages than allowed", async () => {
    const nda = readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf");
    const limits = { ...DEFAULT_READ_LIMITS, maxPages: 4 };
    expect(await codeOf(inspectDocument(nda, limits))).toBe("too_many_pages");
  });

  it("refuses a 20000×20000 PNG from its header, without decoding it", async () => {
    const bomb = makeSolidPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    const started = performance.now();
    expect(await codeOf(inspectDocument(bomb))).toBe("image_too_large");
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("counts the pages of a TIFF and reports a truncated image as corrupt", async () => {
    const tiff = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#fff" } })
      .tiff()
      .toBuffer();
    await expect(inspectDocument(new Uint8Array(tiff))).resolves.toEqual({
      mime: "image/tiff",
      pageCount: 1,
      einvoice: null,
    });
    const jpeg = readFixture("sroie/files/X51005306399.jpg");
    expect(await codeOf(inspectDocument(jpeg.subarray(0, 20)))).toBe("corrupt_image");
  });
});
