import { sniffMimeType } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { readFixture } from "./test-fixtures";

// core's sniffMimeType decides what the API accepts and what the reader opens: the same code on
// the committed files.
describe("sniffMimeType on real files", () => {
  it("accepts a PDF without its header line when its structure is unmistakable", () => {
    expect(sniffMimeType(readFixture("pdfjs_malformed/files/bug1606566.pdf"))).toBe(
      "application/pdf",
    );
  });

  it("refuses a text file named .pdf", () => {
    expect(sniffMimeType(readFixture("fake.pdf"))).toBeNull();
  });

  it("recognizes the committed fixtures by content", () => {
    expect(sniffMimeType(readFixture("sroie/files/X51005306399.jpg"))).toBe("image/jpeg");
    expect(sniffMimeType(readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"))).toBe(
      "application/pdf",
    );
  });
});
