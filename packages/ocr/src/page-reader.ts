import { type EInvoice, type MimeType, type PageLayout, PagewiseError } from "@pagewise/core";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist";
import { readEmbeddedEInvoice } from "./einvoice/read-embedded-einvoice";
import { encodeImagePng, openImagePage } from "./image-page";
import { OcrEngine, type OcrSettings } from "./ocr-engine";
import {
  fromRaw,
  type OrientSettings,
  type RawImage,
  readOriented,
  toRaw,
} from "./page-orientation";
import { displayScale, pagePixelSize } from "./pdf-page-size";
import { readPdfPageText } from "./pdf-text-layer";
import { openPdf } from "./pdfjs";
import { type PrepareSettings, prepareForOcr } from "./prepare-image";
import { MAX_PAGE_POINTS, type ReadLimits } from "./read-limits";
import { renderPdfPagePixels } from "./render-pdf-page";
import { type Word, wordsToTokens } from "./text-tokens";

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
  orient: OrientSettings;
}

/** Per-page read options. */
export interface PageReadOptions {
  /** Tesseract languages, e.g. "eng+deu"; default: the reader's. */
  languages?: string;
}

/** Tesseract workers a thread keeps, one per language set (each holds its models in memory). */
const ENGINES_PER_THREAD = 2;

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
  /** One OCR engine per language set, most recently used last. */
  private readonly engines = new Map<string, OcrEngine>();

  constructor(private readonly options: PageReaderOptions) {}

  async readPage(
    key: string,
    bytes: Uint8Array,
    mime: MimeType,
    pageIndex: number,
    options: PageReadOptions = {},
  ): Promise<ReadPageResult> {
    const languages = options.languages ?? this.options.languages;
    if (mime !== "application/pdf") return this.readImagePage(bytes, mime, pageIndex, languages);
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
      return this.ocrPdfPage(doc, page, pageIndex, languages);
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
      const raw = await renderPdfPagePixels(
        doc,
        page,
        displayScale(page, this.options.limits.maxPixels),
      );
      // Encoded by sharp, without the alpha channel (the page is drawn on white): 4–5× faster
      // than the canvas's own PNG encoder (16 ms against 75 ms for a 150 dpi A4 page) and a fifth
      // smaller, and in this thread instead of libuv's pool, so the reader's thread count bounds
      // what renders take from the machine.
      const png = new Uint8Array(
        await fromRaw(raw).removeAlpha().png({ compressionLevel: 6 }).toBuffer(),
      );
      return { png, width: raw.width, height: raw.height };
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
    languages: string,
  ): Promise<ReadPageResult> {
    const { maxPixels } = this.options.limits;
    const display = pagePixelSize(page, displayScale(page, maxPixels));
    const ocrScale = displayScale(page, maxPixels, OCR_DPI);
    const source: RawImage = await renderPdfPagePixels(doc, page, ocrScale);
    const read = await this.readOrientedPage(source, ocrScale * 72, pageIndex, languages);
    // The display image is the page as read (turned upright), at the display resolution.
    const ratio = display.width / source.width;
    const width = Math.max(1, Math.round(read.image.width * ratio));
    const height = Math.max(1, Math.round(read.image.height * ratio));
    const png = new Uint8Array(await fromRaw(read.image).resize(width, height).png().toBuffer());
    return { page: { ...read.page, width, height }, image: { png, width, height } };
  }

  private async readImagePage(
    bytes: Uint8Array,
    mime: Exclude<MimeType, "application/pdf">,
    pageIndex: number,
    languages: string,
  ): Promise<ReadPageResult> {
    const image = await openImagePage(bytes, mime, pageIndex, this.options.limits.maxPixels);
    const source = await toRaw(image.pipeline.clone()).catch((error: unknown) => {
      throw new PagewiseError("corrupt_image", `The image cannot be decoded: ${String(error)}`);
    });
    const read = await this.readOrientedPage(source, image.dpi, pageIndex, languages);
    const png = new Uint8Array(await fromRaw(read.image).png({ compressionLevel: 6 }).toBuffer());
    return { page: read.page, image: { png, width: read.image.width, height: read.image.height } };
  }

  /**
   * OCR a page turned upright (see page-orientation.ts): tokens are normalized to the turned
   * image, which is the page's display image, so boxes and picture agree.
   */
  private async readOrientedPage(
    source: RawImage,
    dpi: number | undefined,
    pageIndex: number,
    languages: string,
  ): Promise<{ page: PageLayout; image: RawImage }> {
    const engine = this.engine(languages);
    const oriented = await readOriented(source, this.options.orient, async (image) => {
      const prepared = await prepareForOcr(fromRaw(image), image.width, dpi, this.options.prepare);
      const words: Word[] = prepared.blank ? [] : await engine.recognize(prepared);
      return { words, blank: prepared.blank, prepared };
    });
    const { prepared, words } = oriented.reading;
    const tokens = wordsToTokens(words, pageIndex, prepared.width, prepared.height);
    const { width, height } = oriented.image;
    return {
      page: { index: pageIndex, width, height, source: "ocr", tokens },
      image: oriented.image,
    };
  }

  /** The thread's engine for a language set, started on first use; the oldest one goes. */
  private engine(languages: string): OcrEngine {
    let engine = this.engines.get(languages);
    if (engine) this.engines.delete(languages);
    engine ??= new OcrEngine(languages, this.options.recycleAfterPages, this.options.ocr);
    this.engines.set(languages, engine);
    while (this.engines.size > ENGINES_PER_THREAD) {
      const [oldest, old] = this.engines.entries().next().value!;
      this.engines.delete(oldest);
      void old.close();
    }
    return engine;
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
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.allSettled(engines.map((e) => e.close()));
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
