import { readdirSync } from "node:fs";
import { join } from "node:path";
import { isPagewiseError, PagewiseError } from "@pagewise/core";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentReader } from "./document-reader";
import { inspectDocument } from "./inspect-document";
import { FIXTURES_DIR, readFixture, readFixtureJson } from "./test-fixtures";

type Category = "fatal" | "recoverable" | "page_error" | "encrypted";

const cases = readdirSync(join(FIXTURES_DIR, "pdfjs_malformed/gt")).map((name) => {
  const gt = readFixtureJson<{ file: string; expected: { category: Category } }>(
    `pdfjs_malformed/gt/${name}`,
  );
  return { file: gt.file, category: gt.expected.category };
});

/** What inspecting and then reading every page gives: a page count and per-page outcomes. */
async function readAll(reader: DocumentReader, bytes: Uint8Array) {
  const { mime, pageCount } = await reader.inspect(bytes);
  const pages: (number | string)[] = [];
  for (let i = 0; i < pageCount; i++) {
    try {
      pages.push((await reader.readPage(bytes, mime, i)).page.tokens.length);
    } catch (error) {
      if (!isPagewiseError(error)) throw error;
      pages.push(error.code);
    }
  }
  return pages;
}

describe("malformed PDFs from pdf.js's test corpus", () => {
  const reader = new DocumentReader({ threads: 1 });
  afterAll(() => reader.close());

  it("covers all four expected behaviours", () => {
    expect(cases).toHaveLength(8);
    expect(new Set(cases.map((c) => c.category))).toEqual(
      new Set(["fatal", "recoverable", "page_error", "encrypted"]),
    );
  });

  it.each(cases)(
    "$file ($category) ends in a result or its stable error code",
    async ({ file, category }) => {
      const bytes = readFixture(`pdfjs_malformed/${file}`);
      if (category === "fatal" || category === "encrypted") {
        const code = category === "fatal" ? "corrupt_pdf" : "encrypted_pdf";
        await expect(reader.inspect(bytes)).rejects.toMatchObject({ code });
        await expect(inspectDocument(bytes)).rejects.toMatchObject({ code });
        // Reading a page directly (without inspecting first) fails the same way.
        await expect(reader.readPage(bytes, "application/pdf", 0)).rejects.toBeInstanceOf(
          PagewiseError,
        );
        await expect(reader.readPage(bytes, "application/pdf", 0)).rejects.toMatchObject({ code });
        return;
      }
      const pages = await readAll(reader, bytes);
      expect(pages.length).toBeGreaterThan(0);
      if (category === "recoverable") expect(pages.every((p) => typeof p === "number")).toBe(true);
      else expect(pages).toContain("page_unreadable");
    },
  );

  it("still reads a good document after all of them", async () => {
    const bytes = readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf");
    const { page } = await reader.readPage(bytes, "application/pdf", 0);
    expect(page.tokens.map((t) => t.text)).toContain("471102");
  });
});
