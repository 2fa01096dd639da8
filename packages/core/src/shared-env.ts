import { z } from "zod";

/**
 * Environment every server process shares (API and worker read the same database, blobs and
 * queues). Each app spreads these into its own schema and parses it once at start.
 */
export const SharedEnvShape = {
  PAGEWISE_DATA_DIR: z.string().default("./data"),
  /** `postgres://…` for PostgreSQL; unset means the SQLite file `<data dir>/pagewise.sqlite`. */
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  /** Redis key prefix: several installations can share one Redis. */
  PAGEWISE_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default("pagewise"),
  /** Per uploaded file (the API refuses larger ones; the worker's reading limit too). */
  PAGEWISE_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};
