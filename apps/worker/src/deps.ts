import type { DocumentReader, ReadLimits } from "@pagewise/ocr";
import type { JobProducer } from "@pagewise/queue";
import type { BlobStore, Db } from "@pagewise/storage";
import type { Logger } from "pino";
import type { BlobCache } from "./blob-cache";

/** What the stages work with; built once in `main.ts`, passed to every handler. */
export interface WorkerDeps {
  db: Db;
  blobs: BlobStore;
  /** Recently used originals, so page after page of one document reuses one buffer. */
  blobCache: BlobCache;
  reader: DocumentReader;
  producer: JobProducer;
  logger: Logger;
  limits: ReadLimits;
  staleAfterMs: number;
}
