import { availableParallelism } from "node:os";
import type { MimeType, PageLayout } from "@pagewise/core";
import type { DocumentInfo } from "./inspect-document";
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from "./ocr-engine";
import { DEFAULT_ORIENT_SETTINGS, type OrientSettings } from "./page-orientation";
import type { PageImage, ReadPageResult } from "./page-reader";
import { DEFAULT_PREPARE_SETTINGS, type PrepareSettings } from "./prepare-image";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
import type { ReadThreadData } from "./read-protocol";
import { type PoolStats, ThreadPool } from "./thread-pool";

export interface DocumentReaderOptions {
  /** Pool size; default: the number of cores. */
  threads?: number;
  /** Replace a thread's tesseract worker after this many OCR pages (its memory only grows). */
  recycleAfterPages?: number;
  /** Tesseract languages, e.g. "eng" or "eng+deu" (each needs its `@tesseract.js-data/*` package). */
  languages?: string;
  limits?: ReadLimits;
  /**
   * When the process's resident memory (MiB) is above this after a call, the thread that made
   * the call and the idle ones are replaced, with their OCR engines; default 1536.
   */
  maxRssMb?: number;
  /** Told each time a thread is replaced for memory (the process's RSS then, bytes). */
  onThreadRecycled?: (rssBytes: number) => void;
  /**
   * Told when the process stays past `maxRssMb` with no used thread alive (the memory is not the
   * threads'): threads are then replaced only above `limitBytes`, until the process is back
   * under `maxRssMb`, instead of after every call.
   */
  onMemoryLimitRaised?: (floorBytes: number, limitBytes: number) => void;
  /**
   * Replace a thread after it answered this many requests (a document's ingest, a page read or
   * a render each count one), so what pdf.js and the canvas accumulate stays bounded; default 300.
   */
  recycleAfterRequests?: number;
  /**
   * Start every thread at once and replace a removed one right away (the worker does), instead
   * of when a call finds no thread free: starting one takes 1–3 s a document would wait for.
   */
  keepWarm?: boolean;
  /** Per call; a call over it fails with `read_timeout` and its thread is replaced. */
  timeoutMs?: number;
  ocr?: Partial<OcrSettings>;
  prepare?: Partial<PrepareSettings>;
  orient?: Partial<OrientSettings>;
}

/** Per-call options. */
export interface ReadOptions {
  /** Overrides the reader's `timeoutMs` for this call. */
  timeoutMs?: number;
  /**
   * Tesseract languages for this page, e.g. "eng+deu" (a project's `ocrLanguages`); default: the
   * reader's `languages`. Each thread keeps a tesseract worker per language set it was asked for.
   */
  languages?: string;
  /**
   * Nobody waits for the answer (a page image made ahead of time): the request yields to every
   * other one and never holds the last free thread (see `ThreadPool.run`).
   */
  background?: boolean;
}

export interface IngestedDocument {
  info: DocumentInfo;
  /** The pages read from their text layer, by index; every other page still needs `readPage`. */
  textPages: PageLayout[];
}

interface SharedBytes {
  key: string;
  bytes: Uint8Array;
}

/**
 * Reads document pages in a fixed pool of worker threads, so pdf.js, image work and OCR never
 * block the caller's event loop (a BullMQ worker must keep renewing its job locks).
 *
 * @example
 * const reader = new DocumentReader({ threads: 2 });
 * const { page, image } = await reader.readPage(bytes, "application/pdf", 0);
 * await reader.close();
 */
export class DocumentReader {
  private readonly pool: ThreadPool;
  private readonly limits: ReadLimits;
  private readonly timeoutMs: number;
  private readonly shared = new WeakMap<Uint8Array, Promise<SharedBytes>>();

  constructor(options: DocumentReaderOptions = {}) {
    this.limits = options.limits ?? DEFAULT_READ_LIMITS;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    const workerData: ReadThreadData = {
      languages: options.languages ?? "eng",
      recycleAfterPages: options.recycleAfterPages ?? 50,
      limits: this.limits,
      ocr: { ...DEFAULT_OCR_SETTINGS, ...options.ocr },
      prepare: { ...DEFAULT_PREPARE_SETTINGS, ...options.prepare },
      orient: { ...DEFAULT_ORIENT_SETTINGS, ...options.orient },
    };
    this.pool = new ThreadPool(
      Math.max(1, options.threads ?? availableParallelism()),
      new URL("./read-thread-entry.mjs", import.meta.url),
      { workerData, resourceLimits: { maxOldGenerationSizeMb: 2048 } },
      (options.maxRssMb ?? 1536) * 1024 * 1024,
      options.onThreadRecycled,
      options.recycleAfterRequests ?? 300,
      options.keepWarm ?? false,
      options.onMemoryLimitRaised,
    );
  }

  /**
   * One page as tokens: the PDF text layer when it is usable (no rendering), otherwise OCR, in
   * which case the rendered display image comes along.
   */
  async readPage(
    bytes: Uint8Array,
    mime: MimeType,
    pageIndex: number,
    options: ReadOptions = {},
  ): Promise<ReadPageResult> {
    const { key, bytes: data } = await this.share(bytes);
    const { languages } = options;
    const request = { op: "readPage", key, bytes: data, mime, pageIndex, languages } as const;
    return (await this.pool.run(request, options.timeoutMs ?? this.timeoutMs)) as ReadPageResult;
  }

  /** The page's display image: PDFs at PAGE_IMAGE_DPI, images at their own size. */
  async renderPage(
    bytes: Uint8Array,
    mime: MimeType,
    pageIndex: number,
    options: ReadOptions = {},
  ): Promise<PageImage> {
    const { key, bytes: data } = await this.share(bytes);
    const request = { op: "renderPage", key, bytes: data, mime, pageIndex } as const;
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const background = options.background ?? false;
    return (await this.pool.run(request, timeoutMs, { background })) as PageImage;
  }

  /** `inspectDocument` in a pool thread, under this reader's time limit. */
  async inspect(bytes: Uint8Array, limits: ReadLimits = this.limits): Promise<DocumentInfo> {
    const { key, bytes: data } = await this.share(bytes);
    const request = { op: "inspect", key, bytes: data, limits } as const;
    return (await this.pool.run(request, this.timeoutMs)) as DocumentInfo;
  }

  /**
   * `inspect`, and in the same call, on the same open document, the text layer of every page
   * that has a usable one: a text PDF is read whole in one request. The pages left out (scans,
   * unreadable pages, every page of an image) are for `readPage`.
   */
  async ingest(bytes: Uint8Array, limits: ReadLimits = this.limits): Promise<IngestedDocument> {
    const { key, bytes: data } = await this.share(bytes);
    const request = { op: "inspect", key, bytes: data, limits, textPages: true } as const;
    return (await this.pool.run(request, this.timeoutMs)) as IngestedDocument;
  }

  /** The reader threads now: started, ready, busy (in the background), requests waiting. */
  stats(): PoolStats {
    return this.pool.stats();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * The bytes in shared memory (posted to threads without a copy) with their content hash, the
   * key under which threads cache opened PDFs. Memoized per array, so reading page after page of
   * one buffer hashes and copies it once; the hash runs off the event loop (WebCrypto).
   */
  private share(bytes: Uint8Array): Promise<SharedBytes> {
    let shared = this.shared.get(bytes);
    if (!shared) {
      shared = (async () => {
        const digest = await crypto.subtle.digest("SHA-256", bytes);
        const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
        copy.set(bytes);
        return { key: Buffer.from(digest).toString("hex"), bytes: copy };
      })();
      this.shared.set(bytes, shared);
    }
    return shared;
  }
}
