import { describe, expect, it } from "vitest";
import { sniffMimeType } from "./sniff-mime-type";
import { readFixture } from "./test-fixtures";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("sniffMimeType", () => {
  it("recognizes PDF, PNG, JPEG and both TIFF byte orders by their magic bytes", () => {
    expect(sniffMimeType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(sniffMimeType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      "image/png",
    );
    expect(sniffMimeType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMimeType(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]))).toBe("image/tiff");
    expect(sniffMimeType(bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe("image/tiff");
  });

  it("accepts %PDF anywhere in the first 1024 bytes, as pdf.js does, but not later", () => {
    expect(sniffMimeType(bytes(" ".repeat(1000), "%PDF-1.4"))).toBe("application/pdf");
    expect(sniffMimeType(bytes(" ".repeat(1100), "%PDF-1.4"))).toBeNull();
  });

  it("accepts a PDF without its header line when its structure is unmistakable", () => {
    expect(sniffMimeType(readFixture("pdfjs_malformed/files/bug1606566.pdf"))).toBe(
      "application/pdf",
    );
  });

  it("refuses a text file named .pdf, an empty file and unknown formats", () => {
    expect(sniffMimeType(readFixture("fake.pdf"))).toBeNull();
    expect(sniffMimeType(new Uint8Array(0))).toBeNull();
    expect(sniffMimeType(bytes("GIF89a"))).toBeNull();
    expect(sniffMimeType(bytes("1 0 obj << >> endobj"))).toBeNull();
  });

  it("recognizes the committed fixtures by content", () => {
    expect(sniffMimeType(readFixture("sroie/files/X51005306399.jpg"))).toBe("image/jpeg");
    expect(sniffMimeType(readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"))).toBe(
      "application/pdf",
    );
  });
});
