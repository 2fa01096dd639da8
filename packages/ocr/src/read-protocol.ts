import type { ErrorCode, MimeType } from "@pagewise/core";
import type { PageReaderOptions } from "./page-reader";
import type { ReadLimits } from "./read-limits";

/** What the pool sends a reader thread. `key` is the content hash of `bytes`. */
export type ReadRequest =
  | {
      op: "readPage" | "renderPage";
      key: string;
      bytes: Uint8Array;
      mime: MimeType;
      pageIndex: number;
      /** Tesseract languages for this page ("eng+deu"); default: the reader's. */
      languages?: string;
    }
  | {
      op: "inspect";
      key: string;
      bytes: Uint8Array;
      limits: ReadLimits;
      /** Also read the text layer of every page (`DocumentReader.ingest`). */
      textPages?: boolean;
    };

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** What a reader thread answers: exactly one response per request, in order. */
export type ReadResponse = { ok: true; value: unknown } | { ok: false; error: SerializedError };

export type ReadThreadData = PageReaderOptions;
