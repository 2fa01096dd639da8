import { OCR_LANGUAGES, pageText } from "@pagewise/core";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentReader } from "./document-reader";
import { OcrEngine } from "./ocr-engine";
import { textImagePng } from "./test-images";

const GERMAN = ["Die Straße führt über große Brücken.", "Größe: 12 Stück, Preis 4,50 €"];

describe("OCR languages", () => {
  it("ships the data of every language a project may choose", () => {
    for (const code of OCR_LANGUAGES) expect(() => new OcrEngine(code, 1)).not.toThrow();
    expect(() => new OcrEngine("eng+deu+fra", 1)).not.toThrow();
    expect(() => new OcrEngine("xyz", 1)).toThrow(/No OCR language data for "xyz"/);
  });

  const reader = new DocumentReader({ threads: 1, timeoutMs: 300_000 });
  afterAll(() => reader.close());

  it("reads each page in the languages asked for, one reader and thread for all", async () => {
    const png = await textImagePng(GERMAN);
    const english = pageText((await reader.readPage(png, "image/png", 0)).page);
    const german = pageText(
      (await reader.readPage(png, "image/png", 0, { languages: "deu" })).page,
    );
    expect(german).toContain("Straße");
    expect(german).toContain("Stück");
    expect(english).not.toContain("Straße");
    // And back: the English worker was kept, the language is per page, not per thread.
    const again = pageText((await reader.readPage(png, "image/png", 0, { languages: "eng" })).page);
    expect(again).toBe(english);
  });

  it("fails a page with a language that is not installed, with a stable code", async () => {
    const png = await textImagePng(["Hello"]);
    await expect(reader.readPage(png, "image/png", 0, { languages: "xyz" })).rejects.toMatchObject({
      code: "ocr_failed",
    });
  });
});
