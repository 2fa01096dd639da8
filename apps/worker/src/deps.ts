import type { DocumentReader, ReadLimits } from "@pagewise/ocr";
import type { JobProducer } from "@pagewise/queue";
import type { BlobStore, Db } from "@pagewise/storage";
import type { Logger } from "pino";
import type { BlobCache } from "./blob-cache";
import type { DocumentContexts } from "./document-context";
import type { ModelCache } from "./models/model-cache";

/** What the stages work with; built once in `main.ts`, passed to every handler. */
export interface WorkerDeps {
  db: Db;
  blobs: BlobStore;
  /** Recently used originals, so page after page of one document reuses one buffer. */
  blobCache: BlobCache;
  reader: DocumentReader;
  /** What the previous stage of a document left for the next one on this worker. */
  contexts: DocumentContexts;
  producer: JobProducer;
  logger: Logger;
  limits: ReadLimits;
  staleAfterMs: number;
  /** Which finished documents' text-layer pages are rendered ahead of time (`PAGEWISE_PAGE_IMAGES`). */
  pageImages?: "review" | "all" | "on-view";
  /** The champion models, loaded per version. */
  models: ModelCache;
  /** Recorded in the lineage of every version this worker trains. */
  codeVersion: string;
  /** Seed of every retraining: the same snapshot, seed and code give the same weights. */
  trainingSeed: number;
  /** Each retraining stage waits this long after it begins (tests watch the stages; else 0). */
  trainingStageHoldMs: number;
  /**
   * The first model waits until no label came for this long (an import under way); default
   * `BOOTSTRAP_QUIET_MS` (30 s). Tests shorten it.
   */
  bootstrapQuietMs?: number;
  /**
   * The extractor trains at least this many batches (its `minSteps`; recorded in the lineage's
   * hyperparameters) when set; else the default (500). Tests of the retraining's course, not of
   * model quality, lower it.
   */
  extractorMinSteps?: number;
  /** Webhook deliveries: SSRF setting, timeout, retries and auto-disable (see webhooks/). */
  webhooks?: WebhookSettings;
}

export interface WebhookSettings {
  allowPrivate: boolean;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  disableAfter: number;
}
