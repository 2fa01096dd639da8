import { PAGE_IMAGE_DPI } from "@pagewise/core";
import type { PDFPageProxy } from "pdfjs-dist";

/**
 * The scale (pixels per PDF point) of a page's display image: PAGE_IMAGE_DPI, reduced for
 * absurdly large pages so the image stays within `maxPixels`. Text-layer pages and rendered pages
 * use this one function so their sizes agree without rendering.
 */
export function displayScale(page: PDFPageProxy, maxPixels: number, dpi = PAGE_IMAGE_DPI): number {
  const vp = page.getViewport({ scale: 1 });
  const scale = dpi / 72;
  const pixels = vp.width * scale * vp.height * scale;
  return pixels > maxPixels ? scale * Math.sqrt(maxPixels / pixels) : scale;
}

/** Pixel size of a page rendered at `scale`. */
export function pagePixelSize(
  page: PDFPageProxy,
  scale: number,
): { width: number; height: number } {
  const vp = page.getViewport({ scale });
  // Round up partial pixels, but not float noise (210.72 pt at 150 dpi is 439.00000000000006 px).
  const up = (v: number) => Math.max(1, Math.ceil(v - 1e-6));
  return { width: up(vp.width), height: up(vp.height) };
}
