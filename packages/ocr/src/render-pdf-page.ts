import { PagewiseError } from "@pagewise/core";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist";
import { pagePixelSize } from "./pdf-page-size";

/** The part of an @napi-rs/canvas canvas that we use. */
interface NodeCanvas {
  width: number;
  height: number;
}

interface NodeContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: NodeContext };
  destroy(canvasAndContext: { canvas: NodeCanvas | null; context: NodeContext | null }): void;
}

/** A rendered page's pixels, tightly packed RGBA. */
export interface RenderedPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 4;
}

/**
 * Render a PDF page at `scale` pixels per point on a white background and return its pixels; the
 * canvas is freed before this returns. The canvas comes from pdf.js's own factory: pdf.js draws
 * with `Path2D` objects of the @napi-rs/canvas copy it depends on, and a canvas from another copy
 * rejects them.
 *
 * Why free it by hand: a canvas's pixels live in native memory V8 does not see, so an unreferenced
 * canvas waits for a garbage collection the small JS heap rarely needs, and the reader thread
 * kept a few hundred MB of dead canvases (the worker's plateau over 3,000 documents).
 */
export async function renderPdfPagePixels(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  scale: number,
): Promise<RenderedPixels> {
  const { width, height } = pagePixelSize(page, scale);
  const factory = doc.canvasFactory as CanvasFactory;
  const drawn = factory.create(width, height);
  try {
    drawn.context.fillStyle = "white";
    drawn.context.fillRect(0, 0, width, height);
    try {
      await page.render({
        canvasContext: drawn.context as never,
        canvas: drawn.canvas as never,
        viewport: page.getViewport({ scale }),
      }).promise;
    } catch (error) {
      throw new PagewiseError("page_unreadable", `The page cannot be rendered: ${String(error)}`);
    }
    // getImageData copies the pixels out of the canvas, so they outlive it.
    const { data } = drawn.context.getImageData(0, 0, width, height);
    return {
      data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      width,
      height,
      channels: 4,
    };
  } finally {
    factory.destroy(drawn);
  }
}
