import { pageText } from "@pagewise/core";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentReader } from "./document-reader";
import { readingQuality } from "./page-orientation";
import { readFixture, readFixtureJson } from "./test-fixtures";
import { textImagePng, turnedPng } from "./test-images";
import { detectTextDirection } from "./text-direction";
import type { Word } from "./text-tokens";

interface ReceiptGt {
  fields: { company: string; date: string; total: string };
}

const RECEIPT = "sroie/files/X51005306399.jpg";

async function pixels(png: Uint8Array): Promise<Buffer> {
  return sharp(png).removeAlpha().raw().toBuffer();
}

describe("page orientation", () => {
  const reader = new DocumentReader({ threads: 1, timeoutMs: 300_000 });
  afterAll(() => reader.close());

  it("reads a receipt turned 90°, 180° and 270° upright: boxes and image are the upright page", async () => {
    const gt = readFixtureJson<ReceiptGt>("sroie/gt/X51005306399.json");
    const upright = await turnedPng(readFixture(RECEIPT), 0);
    for (const degrees of [90, 180, 270]) {
      const { page, image } = await reader.readPage(
        await turnedPng(readFixture(RECEIPT), degrees),
        "image/png",
        0,
      );
      // The stored image is the upright scan, pixel for pixel (quarter turns are lossless).
      expect([page.width, page.height, image?.width, image?.height]).toEqual([447, 915, 447, 915]);
      expect((await pixels(image!.png)).equals(await pixels(upright))).toBe(true);
      expect(page.tokens.map((t) => t.text)).toContain(gt.fields.total);
      expect(pageText(page).toUpperCase()).toContain(gt.fields.company);
      // Every box lies inside the (upright) page.
      for (const { box } of page.tokens) {
        expect(box[0]).toBeGreaterThanOrEqual(0);
        expect(box[1]).toBeGreaterThanOrEqual(0);
        expect(box[2]).toBeLessThanOrEqual(1);
        expect(box[3]).toBeLessThanOrEqual(1);
      }
      // Read across: the total is a word wider than tall, below the company's name.
      const total = page.tokens.find((t) => t.text === gt.fields.total)!;
      const company = page.tokens.find((t) => gt.fields.company.startsWith(t.text.toUpperCase()))!;
      expect((total.box[2] - total.box[0]) * page.width).toBeGreaterThan(
        (total.box[3] - total.box[1]) * page.height,
      );
      expect(total.box[1]).toBeGreaterThan(company.box[3]);
    }
  });

  it("leaves it sideways when told not to orient (words read on end)", async () => {
    const off = new DocumentReader({ threads: 1, timeoutMs: 300_000, orient: { orient: false } });
    try {
      const gt = readFixtureJson<ReceiptGt>("sroie/gt/X51005306399.json");
      const { page } = await off.readPage(
        await turnedPng(readFixture(RECEIPT), 90),
        "image/png",
        0,
      );
      expect([page.width, page.height]).toEqual([915, 447]);
      // Tesseract may still read the sideways words, but as vertical lines: taller than wide.
      const total = page.tokens.find((t) => t.text === gt.fields.total);
      if (total) {
        expect((total.box[2] - total.box[0]) * page.width).toBeLessThan(
          (total.box[3] - total.box[1]) * page.height,
        );
      }
    } finally {
      await off.close();
    }
  });
});

describe("text direction from the ink", () => {
  it("tells a sideways receipt from an upright one, and measures a tilt", async () => {
    const bytes = readFixture(RECEIPT);
    for (const degrees of [0, 90, 180, 270]) {
      const direction = await detectTextDirection(sharp(await turnedPng(bytes, degrees)));
      expect(direction.sideways).toBe(degrees % 180 !== 0);
    }
    const straight = await detectTextDirection(sharp(bytes).rotate());
    const tilted = await detectTextDirection(sharp(await turnedPng(bytes, 3)));
    expect(tilted.skewDegrees - straight.skewDegrees).toBeCloseTo(3, 0);
  });

  it("reads lines of a wide page as running across", async () => {
    const png = await textImagePng(["Pagewise reads this line", "and this one below it"]);
    expect((await detectTextDirection(sharp(png))).sideways).toBe(false);
    expect((await detectTextDirection(sharp(await turnedPng(png, 90)))).sideways).toBe(true);
  });
});

describe("reading quality", () => {
  const word = (text: string, box: Word["box"], confidence: number): Word => ({
    text,
    box,
    confidence,
    baseline: box[3],
    size: box[3] - box[1],
    spaceBefore: true,
    spaceAfter: true,
  });

  it("weights confidence by letters, ignores short fragments and zeroes words on end", () => {
    expect(readingQuality([])).toBe(0);
    expect(readingQuality([word("TOTAL", [0, 0, 50, 10], 0.9), word("|", [0, 0, 2, 10], 0)])).toBe(
      0.9,
    );
    // Sideways text read as vertical lines: confident, but standing on end.
    expect(readingQuality([word("TOTAL", [0, 0, 10, 50], 0.95)])).toBe(0);
    expect(
      readingQuality([word("TOTAL", [0, 0, 50, 10], 1), word("ab12", [0, 0, 40, 10], 0.5)]),
    ).toBeCloseTo((5 * 1 + 4 * 0.5) / 9);
  });
});
