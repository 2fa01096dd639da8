import { type EInvoice, type MimeType, type PageLayout, PagewiseError } from "@pagewise/core";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist";
import sharp from "sharp";
import { readEmbeddedEInvoice } from "./einvoice/read-embedded-einvoice";
import { encodeImagePng, openImagePage } from "./image-page";
import { OcrEngine, type OcrSettings } from "./ocr-engine";
import { displayScale, pagePixelSize } from "./pdf-page-size";
import { readPdfPageText } from "./pdf-text-layer";
import { openPdf } from "./pdfjs";
import { type OcrImage, type PrepareSettings, prepareForOcr } from "./prepare-image";
import { MAX_PAGE_POINTS, type ReadLimits } from "./read-limits";
import { canvasPixels, renderPdfPage } from "./render-pdf-page";
import { wordsToTokens } from "./text-tokens";

export interface PageImage {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface ReadPageResult {
  page: PageLayout;
  image?: PageImage;
}

export interface PageReaderOptions {
  languages: string;
  recycleAfterPages: number;
  limits: ReadLimits;
  ocr: OcrSettings;
  prepare: PrepareSettings;
}

/** PDF pages without a usable text layer are rendered at this resolution for OCR. */
const OCR_DPI = 300;
/**
 * Opened PDFs kept per thread. The pool sends a document's pages to the thread that has it open
 * when that thread is free, but several documents are read at once (a worker's concurrency).
 */
const PDF_CACHE_SIZE = 4;
/** How long `readTextPages` reads before it leaves the remaining pages to `readPage`. */
const TEXT_PAGES_BUDGET_MS = 10_000;

/**
 * Reads pages inside one pool thread: text layer when there is one, OCR otherwise. Keeps the last
 * opened PDFs (by content hash) so page after page does not reopen the document.
 */
export class PageReader {
  private readonly pdfs = new Map<string, Promise<PDFDocumentProxy>>();
  private ocr: OcrEngine | undefined;

  constructor(private readonly options: PageReaderOptions) {}

  async readPage(
    key: string,
    bytes: Uint8Array,
    mime: MimeType,
    pageIndex: number,
  ): Promise<ReadPageResult> {
    if (mime !== "application/pdf") return this.readImagePage(bytes, mime, pageIndex);
    return this.withPdfPage(key, bytes, pageIndex, async (page, doc) => {
      const text = await readPdfPageText(page, pageIndex, this.options.limits.maxPixels).catch(
        (error: unknown) => {
          throw new PagewiseError(
            "page_unreadable",
            `The page's text cannot be read: ${String(error)}`,
          );
        },
      );
      if (text.usable) return { page: text.page };
      return this.ocrPdfPage(doc, page, pageIndex);
    });
  }

  async renderPage(
    key: string,
    bytes: Uint8Array,
    mime: MimeType,
    pageIndex: number,
  ): Promise<PageImage> {
    if (mime !== "application/pdf") {
      const image = await openImagePage(bytes, mime, pageIndex, this.options.limits.maxPixels);
      return { png: await encodeImagePng(image), width: image.width, height: image.height };
    }
    return this.withPdfPage(key, bytes, pageIndex, async (page, doc) => {
      const rendered = await renderPdfPage(
        doc,
        page,
        displayScale(page, this.options.limits.maxPixels),
      );
      const png = new Uint8Array(await rendered.canvas.encode("png"));
      return { png, width: rendered.width, height: rendered.height };
    });
  }

  /**
   * The text layer of every page of a PDF that has a usable one, from the document the inspection
   * just opened (one open for the count and all the text). A page without usable text, or whose
   * text cannot be read, is left out: its own `readPage` OCRs it or records its error.
   */
  async readTextPages(key: string, bytes: Uint8Array, pageCount: number): Promise<PageLayout[]> {
    const pages: PageLayout[] = [];
    const started = performance.now();
    for (let pageIndex = 0; pageIndex < pageCount; pageIndex++) {
      // A huge document must not spend the whole call's time limit here: the rest is read page
      // by page (each under its own limit, spread over the workers).
      if (performance.now() - started > TEXT_PAGES_BUDGET_MS) break;
      const text = await this.withPdfPage(key, bytes, pageIndex, (page) =>
        readPdfPageText(page, pageIndex, this.options.limits.maxPixels),
      ).catch(() => null);
      if (text?.usable) pages.push(text.page);
    }
    return pages;
  }

  /** The page count of a PDF, leaving it open in the cache for the pages read next. */
  async countPdfPages(key: string, bytes: Uint8Array): Promise<number> {
    const doc = await this.openCached(key, bytes);
    if (doc.numPages < 1) throw new PagewiseError("corrupt_pdf", "The PDF has no pages");
    return doc.numPages;
  }

  /** The PDF's embedded e-invoice (ZUGFeRD / Factur-X), from the cached open document. */
  async readPdfEInvoice(key: string, bytes: Uint8Array): Promise<EInvoice | null> {
    return readEmbeddedEInvoice(await this.openCached(key, bytes));
  }

  private async ocrPdfPage(
    doc: PDFDocumentProxy,
    page: PDFPageProxy,
    pageIndex: number,
  ): Promise<ReadPageResult> {
    const { maxPixels } = this.options.limits;
    const display = pagePixelSize(page, displayScale(page, maxPixels));
    const ocrScale = displayScale(page, maxPixels, OCR_DPI);
    const rendered = await renderPdfPage(doc, page, ocrScale);
    const raw = sharp(canvasPixels(rendered), {
      raw: { width: rendered.width, height: rendered.height, channels: 4 },
    });
    const png = new Uint8Array(
      await raw.clone().resize(display.width, display.height).png().toBuffer(),
    );
    const prepared = await prepareForOcr(raw, rendered.width, ocrScale * 72, this.options.prepare);
    return {
      page: await this.recognize(prepared, pageIndex, display.width, display.height),
      image: { png, ...display },
    };
  }

  private async readImagePage(
    bytes: Uint8Array,
    mime: Exclude<MimeType, "application/pdf">,
    pageIndex: number,
  ): Promise<ReadPageResult> {
    const image = await openImagePage(bytes, mime, pageIndex, this.options.limits.maxPixels);
    const [png, prepared] = await Promise.all([
      encodeImagePng(image),
      prepareForOcr(image.pipeline, image.width, image.dpi, this.options.prepare).catch(
        (error: unknown) => {
          throw new PagewiseError("corrupt_image", `The image cannot be decoded: ${String(error)}`);
        },
      ),
    ]);
    return {
      page: await this.recognize(prepared, pageIndex, image.width, image.height),
      image: { png, width: image.width, height: image.height },
    };
  }

  /** OCR a prepared image; tokens are normalized, so they fit the display image of any size. */
  private async recognize(
    prepared: OcrImage,
    pageIndex: number,
    width: number,
    height: number,
  ): Promise<PageLayout> {
    this.ocr ??= new OcrEngine(
      this.options.languages,
      this.options.recycleAfterPages,
      this.options.ocr,
    );
    const words = prepared.blank ? [] : await this.ocr.recognize(prepared);
    const tokens = wordsToTokens(words, pageIndex, prepared.width, prepared.height);
    return { index: pageIndex, width, height, source: "ocr", tokens };
  }

  private async withPdfPage<T>(
    key: string,
    bytes: Uint8Array,
    pageIndex: number,
    use: (page: PDFPageProxy, doc: PDFDocumentProxy) => Promise<T>,
  ): Promise<T> {
    const doc = await this.openCached(key, bytes);
    if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.numPages) {
      throw new PagewiseError("page_unreadable", `The PDF has no page ${pageIndex}`, {
        pageCount: doc.numPages,
      });
    }
    let page: PDFPageProxy;
    try {
      page = await doc.getPage(pageIndex + 1);
    } catch (error) {
      throw new PagewiseError(
        "page_unreadable",
        `Page ${pageIndex} cannot be read: ${String(error)}`,
      );
    }
    try {
      checkPageSize(page, pageIndex);
      return await use(page, doc);
    } finally {
      page.cleanup();
    }
  }

  private openCached(key: string, bytes: Uint8Array): Promise<PDFDocumentProxy> {
    let doc = this.pdfs.get(key);
    if (doc) {
      // Most recently used goes last.
      this.pdfs.delete(key);
      this.pdfs.set(key, doc);
      return doc;
    }
    doc = openPdf(bytes, { maxImagePixels: this.options.limits.maxPixels });
    this.pdfs.set(key, doc);
    // A document that failed to open is not kept: the next call retries and fails the same way.
    doc.catch(() => this.pdfs.get(key) === doc && this.pdfs.delete(key));
    while (this.pdfs.size > PDF_CACHE_SIZE) {
      const [oldKey, oldDoc] = this.pdfs.entries().next().value!;
      this.pdfs.delete(oldKey);
      void oldDoc.then((d) => d.destroy()).catch(() => undefined);
    }
    return doc;
  }

  async close(): Promise<void> {
    const docs = [...this.pdfs.values()];
    this.pdfs.clear();
    await Promise.allSettled(docs.map((d) => d.then((doc) => doc.destroy())));
    await this.ocr?.close();
  }
}

/**
 * Refuse an absurd page before anything is drawn: a 200000 × 200000 pt page is scaled down to
 * `maxPixels`, and still took 1.7 GB to render and OCR, all of it for a blank page.
 */
function checkPageSize(page: PDFPageProxy, pageIndex: number): void {
  const { width, height } = page.getViewport({ scale: 1 });
  if (width > MAX_PAGE_POINTS || height > MAX_PAGE_POINTS) {
    throw new PagewiseError(
      "document_too_complex",
      `Page ${pageIndex} is ${Math.round(width)} × ${Math.round(height)} pt; a page side may be at most ${MAX_PAGE_POINTS} pt (200 in)`,
      { page: pageIndex, width, height, maxPagePoints: MAX_PAGE_POINTS },
    );
  }
}
