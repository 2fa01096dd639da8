import { availableParallelism } from "node:os";
import { parseEnv, SharedEnvShape } from "@pagewise/core";
import { z } from "zod";

/** Exported for the deploy files' check (test/deploy-files.test.ts): what each app reads. */
export const EnvSchema = z.object({
  ...SharedEnvShape,
  /** Where the worker's own HTTP port listens (like the API's HOST); `0.0.0.0` in a container. */
  HOST: z.string().default("127.0.0.1"),
  /**
   * The worker's HTTP port, always served: `GET /healthz`, `GET /readyz` and, when metrics are
   * on, `GET /metrics`. 0 picks a free one (logged as `httpPort`). The name stays from when it
   * served only metrics.
   */
  PAGEWISE_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  /** Reader threads (pdf.js + OCR); default: one per core. */
  PAGEWISE_READER_THREADS: z.coerce.number().int().positive().default(availableParallelism()),
  PAGEWISE_OCR_LANGUAGES: z.string().default("eng"),
  PAGEWISE_OCR_RECYCLE_AFTER_PAGES: z.coerce.number().int().positive().default(50),
  PAGEWISE_MAX_PAGES: z.coerce.number().int().positive().default(500),
  PAGEWISE_MAX_PIXELS: z.coerce.number().int().positive().default(50_000_000),
  /** Decompression-bomb limits: one compressed PDF stream, and all of a document's together. */
  PAGEWISE_MAX_STREAM_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  PAGEWISE_MAX_DECODED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2048 * 1024 * 1024),
  /**
   * When the worker's resident memory (MiB) is above this after a read, the reader thread that
   * made it and the idle ones are replaced with their OCR engines, so what one large page grew
   * goes back to the system.
   */
  PAGEWISE_READER_MAX_RSS_MB: z.coerce.number().int().positive().default(1536),
  /**
   * Which text-layer pages get their display image made ahead of time, in the background once the
   * document is finished: `review` (default) the pages of documents that wait for review, where a
   * person will look; `all` every document's; `on-view` none (each page is rendered the first time
   * someone opens it). Scanned pages always keep the image they were read from. Rendering a page at
   * 150 dpi costs 10–30× reading its text layer.
   */
  PAGEWISE_PAGE_IMAGES: z.enum(["review", "all", "on-view"]).default("review"),
  PAGEWISE_READ_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** BullMQ job lock: a worker that stops renewing it (killed) loses the job after this long. */
  PAGEWISE_JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  PAGEWISE_STALLED_CHECK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** The reconciler runs this often and restarts documents quiet for longer than the stale age. */
  PAGEWISE_RECONCILE_EVERY_MS: z.coerce.number().int().min(1_000).default(60_000),
  PAGEWISE_STALE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(10 * 60_000),
  /** How often the retention job deletes documents older than their project's `retentionDays`. */
  PAGEWISE_RETENTION_EVERY_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** How often the orphan-blob sweep runs. */
  PAGEWISE_BLOB_SWEEP_EVERY_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(6 * 3_600_000),
  /** Blobs written less than this long ago are never swept (uploads and renders in flight). */
  PAGEWISE_BLOB_SWEEP_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3_600_000),
  /** Recorded in model lineage; default: the git commit of the checkout. */
  PAGEWISE_CODE_VERSION: z.string().optional(),
  /** Seed of every retraining (same snapshot + seed + code = same weights). */
  PAGEWISE_TRAINING_SEED: z.coerce.number().int().nonnegative().default(1),
  /**
   * Hold every retraining stage this long after it begins (default 0), so that a stage of a
   * small project can be watched: for tests and demonstrations, never needed in production.
   */
  PAGEWISE_TRAINING_STAGE_HOLD_MS: z.coerce.number().int().nonnegative().default(0),
  /**
   * The first model of a project trains once no label came for this long (an import under way),
   * so it learns from the whole import; tests shorten it.
   */
  PAGEWISE_BOOTSTRAP_QUIET_MS: z.coerce.number().int().nonnegative().default(30_000),
  /**
   * The extractor's minimum number of training batches (default: the model's own, 500): small
   * projects repeat their rows until they reach it. Tests of the retraining's course lower it.
   */
  PAGEWISE_EXTRACTOR_MIN_STEPS: z.coerce.number().int().nonnegative().optional(),
  /** A webhook receiver that has not answered within this long fails the attempt. */
  PAGEWISE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Attempts per delivery (the first one included) before it ends `failed`. */
  PAGEWISE_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().positive().default(8),
  /** Back-off before the second attempt; it doubles with each further one (capped at 1 h). */
  PAGEWISE_WEBHOOK_BACKOFF_MS: z.coerce.number().int().nonnegative().default(10_000),
  /** A webhook whose attempts failed this many times in a row is disabled. */
  PAGEWISE_WEBHOOK_DISABLE_AFTER: z.coerce.number().int().positive().default(20),
  /** How often recorded events are turned into webhook deliveries. */
  PAGEWISE_WEBHOOK_DISPATCH_EVERY_MS: z.coerce.number().int().min(100).default(1_000),
});

export type WorkerEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return parseEnv(EnvSchema, source);
}
