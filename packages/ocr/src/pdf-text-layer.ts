import type { Layout, PageLayout } from "@pagewise/core";
import type { PDFPageProxy } from "pdfjs-dist";
import { displayScale, pagePixelSize } from "./pdf-page-size";
import { loadPdfjs, openPdf } from "./pdfjs";
import { DEFAULT_READ_LIMITS } from "./read-limits";
import { runsToTokens, type TextRun } from "./text-tokens";
import { hasUsableText } from "./usable-text";

export interface PdfPageText {
  page: PageLayout;
  /** Enough real characters to skip OCR (see `hasUsableText`). */
  usable: boolean;
}

/**
 * Read one page's text layer into a `PageLayout` (source "text") sized like its display image,
 * without rendering anything.
 */
export async function readPdfPageText(
  page: PDFPageProxy,
  pageIndex: number,
  maxPixels = DEFAULT_READ_LIMITS.maxPixels,
): Promise<PdfPageText> {
  const { Util } = await loadPdfjs();
  const scale = displayScale(page, maxPixels);
  const vp = page.getViewport({ scale });
  const { width, height } = pagePixelSize(page, scale);
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    const m = Util.transform(vp.transform, item.transform);
    const dx = m[0];
    const dy = m[1];
    const len = Math.hypot(dx, dy);
    if (!(len > 0)) continue;
    // item.width is in PDF units along the baseline; vertical text advances downwards instead.
    const vertical = item.dir === "ttb";
    const advanceLength = (vertical ? item.height : item.width) * scale;
    runs.push({
      text: item.str,
      origin: [m[4], m[5]],
      advance: vertical
        ? [0, advanceLength]
        : [(dx / len) * advanceLength, (dy / len) * advanceLength],
      up: [m[2], m[3]],
      endsLine: item.hasEOL,
    });
  }
  const tokens = runsToTokens(runs, pageIndex, width, height);
  return {
    page: { index: pageIndex, width, height, source: "text", tokens },
    usable: hasUsableText(tokens),
  };
}

/**
 * All pages of a PDF from its text layer only (no OCR, no rendering), in the caller's thread.
 * Pages without text come back with no tokens. For the pipeline use `DocumentReader`, which
 * OCRs such pages and keeps pdf.js off the caller's event loop.
 */
export async function readPdfTextLayer(bytes: Uint8Array): Promise<Layout> {
  const doc = await openPdf(bytes, { maxImagePixels: DEFAULT_READ_LIMITS.maxPixels });
  try {
    const pages: PageLayout[] = [];
    for (let i = 0; i < doc.numPages; i++) {
      const page = await doc.getPage(i + 1);
      pages.push((await readPdfPageText(page, i)).page);
      page.cleanup();
    }
    return { pages };
  } finally {
    await doc.destroy();
  }
}
