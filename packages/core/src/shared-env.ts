import { z } from "zod";

/**
 * Environment every server process shares (API and worker read the same database, blobs and
 * queues). Each app spreads these into its own schema and parses it once at start.
 */
export const SharedEnvShape = {
  PAGEWISE_DATA_DIR: z.string().default("./data"),
  /** `postgres://…` for PostgreSQL; unset means the SQLite file `<data dir>/pagewise.sqlite`. */
  DATABASE_URL: z.string().optional(),
  /**
   * `off`: the process does not migrate the database at start (a deployment runs
   * `pagewise migrate` once, as a job) and refuses to start while migrations are pending.
   */
  PAGEWISE_AUTO_MIGRATE: z.enum(["on", "off"]).default("on"),
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
  /** `off`: record no metrics and serve no `/metrics` (to measure what metrics cost). */
  PAGEWISE_METRICS: z.enum(["on", "off"]).default("on"),
  /** Bearer token Prometheus sends to `/metrics`; unset: only loopback callers are served. */
  PAGEWISE_METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Master key(s) for encryption at rest: 32 bytes in base64; several separated by commas (the
   * first wraps new data keys, the others only unwrap older ones until a rotation).
   */
  PAGEWISE_MASTER_KEY: z.string().optional(),
  /** A JSON keyring file instead (default: `<data dir>/master-key.json`, generated at first start). */
  PAGEWISE_MASTER_KEY_FILE: z.string().optional(),
  /**
   * `off`: new blobs and document values are written in clear (to measure what encryption
   * costs, or on an encrypted volume); what is encrypted already still reads with the keys.
   */
  PAGEWISE_ENCRYPTION: z.enum(["on", "off"]).default("on"),
  /**
   * `true`: webhooks may call private, loopback and link-local addresses (a receiver on the same
   * host or network; tests). Default: refused at creation and at every delivery (SSRF).
   */
  PAGEWISE_WEBHOOK_ALLOW_PRIVATE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};
