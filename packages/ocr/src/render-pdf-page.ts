import { PagewiseError } from "@pagewise/core";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist";
import { pagePixelSize } from "./pdf-page-size";

/** The part of an @napi-rs/canvas canvas that we use. */
interface NodeCanvas {
  encode(format: "png"): Promise<Uint8Array>;
}

interface NodeContext {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}

interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: NodeContext };
}

export interface RenderedPage {
  canvas: NodeCanvas;
  context: NodeContext;
  width: number;
  height: number;
}

/**
 * Render a PDF page at `scale` pixels per point on a white background. The canvas comes from
 * pdf.js's own factory: pdf.js draws with `Path2D` objects of the @napi-rs/canvas copy it
 * depends on, and a canvas from another copy rejects them.
 */
export async function renderPdfPage(
  doc: PDFDocumentProxy,
  page: PDFPageProxy,
  scale: number,
): Promise<RenderedPage> {
  const { width, height } = pagePixelSize(page, scale);
  const { canvas, context } = (doc.canvasFactory as CanvasFactory).create(width, height);
  context.fillStyle = "white";
  context.fillRect(0, 0, width, height);
  try {
    await page.render({
      canvasContext: context as never,
      canvas: canvas as never,
      viewport: page.getViewport({ scale }),
    }).promise;
  } catch (error) {
    throw new PagewiseError("page_unreadable", `The page cannot be rendered: ${String(error)}`);
  }
  return { canvas, context, width, height };
}

/** The rendered page's pixels as tightly packed RGBA. */
export function canvasPixels(rendered: RenderedPage): Uint8Array {
  const { data } = rendered.context.getImageData(0, 0, rendered.width, rendered.height);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
