import { availableParallelism } from "node:os";
import { parseEnv, SharedEnvShape } from "@pagewise/core";
import { z } from "zod";

const EnvSchema = z.object({
  ...SharedEnvShape,
  /** Reader threads (pdf.js + OCR); default: one per core. */
  PAGEWISE_READER_THREADS: z.coerce.number().int().positive().default(availableParallelism()),
  PAGEWISE_OCR_LANGUAGES: z.string().default("eng"),
  PAGEWISE_OCR_RECYCLE_AFTER_PAGES: z.coerce.number().int().positive().default(50),
  PAGEWISE_MAX_PAGES: z.coerce.number().int().positive().default(500),
  PAGEWISE_MAX_PIXELS: z.coerce.number().int().positive().default(50_000_000),
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
  /** Recorded in model lineage; default: the git commit of the checkout. */
  PAGEWISE_CODE_VERSION: z.string().optional(),
  /** Seed of every retraining (same snapshot + seed + code = same weights). */
  PAGEWISE_TRAINING_SEED: z.coerce.number().int().nonnegative().default(1),
});

export type WorkerEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return parseEnv(EnvSchema, source);
}
