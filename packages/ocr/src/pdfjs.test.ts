import { describe, expect, it } from "vitest";
import { onePagePdf } from "./build-pdf";
import { readPdfTextLayer } from "./pdf-text-layer";
import { type GetDocument, loadPdfjs, openPdf } from "./pdfjs";
import { renderPdfPagePixels } from "./render-pdf-page";
import { readFixture } from "./test-fixtures";

declare global {
  var __pagewisePwned: string | undefined;
}

describe("pdf.js options", () => {
  it("opens every PDF with isEvalSupported: false and an image size cap", async () => {
    const { getDocument } = await loadPdfjs();
    const seen: unknown[] = [];
    // The real getDocument, recording what it is given.
    const recording = ((params: Parameters<GetDocument>[0]) => {
      seen.push(params);
      return getDocument(params);
    }) as GetDocument;
    const doc = await openPdf(readFixture("zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"), {
      getDocument: recording,
      maxImagePixels: 1234,
    });
    expect(doc.numPages).toBe(1);
    await doc.destroy();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ isEvalSupported: false, maxImageSize: 1234 });
  });

  it("does not run JavaScript smuggled into a font's FontMatrix (CVE-2024-4367)", async () => {
    globalThis.__pagewisePwned = undefined;
    // The published proof of concept: a string in FontMatrix closes the generated glyph code and
    // appends its own statement; vulnerable pdf.js with eval enabled ran it while drawing glyphs.
    const payload = "(1\\); globalThis.__pagewisePwned = 'font'; //)";
    const font = `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FontMatrix [0.001 0 0 0.001 0 ${payload}] >>`;
    const bytes = onePagePdf("BT /F1 24 Tf 10 40 Td (Hello exploit) Tj ET", font);
    const doc = await openPdf(bytes);
    const page = await doc.getPage(1);
    await renderPdfPagePixels(doc, page, 1);
    await doc.destroy();
    expect(globalThis.__pagewisePwned).toBeUndefined();
    // The document itself stays readable.
    const layout = await readPdfTextLayer(bytes);
    expect(layout.pages[0]!.tokens.map((t) => t.text)).toEqual(["Hello", "exploit"]);
  });
});
