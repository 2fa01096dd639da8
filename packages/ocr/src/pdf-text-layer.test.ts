import { type Layout, LayoutSchema, PAGE_IMAGE_DPI, pageText, type Token } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { readPdfTextLayer } from "./pdf-text-layer";
import { readFixture, readFixtureJson } from "./test-fixtures";

interface Gt {
  fields: Record<string, string | string[]>;
}

function tokensOf(layout: Layout): Token[] {
  return layout.pages.flatMap((p) => p.tokens);
}

function expectSaneLayout(layout: Layout): void {
  expect(LayoutSchema.parse(layout)).toEqual(layout);
  for (const page of layout.pages) {
    let lastLine = 0;
    let lastTop = -1;
    for (const [i, token] of page.tokens.entries()) {
      expect(token.id).toBe(`${page.index}:${i}`);
      const [x0, y0, x1, y1] = token.box;
      expect(0 <= x0 && x0 < x1 && x1 <= 1 && 0 <= y0 && y0 < y1 && y1 <= 1).toBe(true);
      expect(token.line).toBeGreaterThanOrEqual(lastLine);
      if (token.line > lastLine) {
        // A new line starts no higher than the previous line's first word (top to bottom).
        expect(y0 + 0.005).toBeGreaterThanOrEqual(lastTop);
        lastTop = y0;
      }
      lastLine = token.line;
    }
  }
}

describe("readPdfTextLayer", () => {
  it("reads a ZUGFeRD invoice's number and total as word tokens with boxes inside the page", async () => {
    const gt = readFixtureJson<Gt>("zugferd/gt/zf10__ZUGFeRD_1p0_BASIC_Einfach.json");
    const layout = await readPdfTextLayer(
      readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"),
    );
    expectSaneLayout(layout);
    expect(layout.pages).toHaveLength(1);
    const page = layout.pages[0]!;
    expect(page.source).toBe("text");
    // A4 at 150 dpi.
    expect(page.width).toBe(Math.ceil((595 * PAGE_IMAGE_DPI) / 72));
    const texts = tokensOf(layout).map((t) => t.text);
    expect(texts).toContain(gt.fields.invoice_number);
    // The page prints amounts the German way.
    expect(texts).toContain(String(gt.fields.total).replace(".", ","));
    expect(pageText(page)).toContain("Rechnungssumme Brutto (inkl. USt.) 235,62");
  });

  it("places a word where the page shows it", async () => {
    const layout = await readPdfTextLayer(
      readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"),
    );
    const tokens = tokensOf(layout);
    const heading = tokens.find((t) => t.text === "RECHNUNG")!;
    const number = tokens.find((t) => t.text === "471102")!;
    // The heading sits in the upper right quarter, above the invoice number and about one line tall.
    expect(heading.box[0]).toBeGreaterThan(0.5);
    expect(heading.box[3]).toBeLessThan(number.box[1]);
    const height = heading.box[3] - heading.box[1];
    expect(height).toBeGreaterThan(0.005);
    expect(height).toBeLessThan(0.03);
  });

  it("reads a Mustang invoice and an invoice2data invoice with their ground-truth values", async () => {
    const mustang = await readPdfTextLayer(
      readFixture("zugferd/files/mustang2__MustangGnuaccountingBeispielRE-20190610_507.pdf"),
    );
    expectSaneLayout(mustang);
    const m = tokensOf(mustang).map((t) => t.text);
    expect(m).toContain("RE-20190610/507");
    expect(m).toContain("571.04");

    const flipkart = await readPdfTextLayer(readFixture("invoice2data/files/FlipkartInvoice.pdf"));
    expectSaneLayout(flipkart);
    expect(pageText(flipkart.pages[0]!)).toContain("BLR_WFLD20151000982590");
    expect(tokensOf(flipkart).map((t) => t.text)).toContain("319.00");
  });

  it("reads every page of a Kleister NDA in order", async () => {
    const gt = readFixtureJson<Gt>("kleister_nda/gt/00a1d238e37ac225b8045a97953e845d.json");
    const layout = await readPdfTextLayer(
      readFixture("kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf"),
    );
    expectSaneLayout(layout);
    expect(layout.pages.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(layout.pages.every((p) => p.tokens.length > 50)).toBe(true);
    expect(pageText(layout.pages[0]!)).toContain(String(gt.fields.parties?.[0]));
  });
});
