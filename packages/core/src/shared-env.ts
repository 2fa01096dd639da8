import { z } from "zod";

/**
 * Where blobs live (originals, page images, dataset snapshots, model artifacts): what the API,
 * the worker and `pagewise keys` read alike (see docs/storage.md).
 */
export const BlobStoreEnvShape = {
  /**
   * Unset: the local folder `<data dir>/blobs`. `s3://bucket/prefix`: an S3 bucket (or any
   * S3-compatible store) under that key prefix; credentials come from the standard AWS variables
   * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, profiles, instance roles).
   */
  PAGEWISE_BLOB_URL: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
      "expected s3://bucket or s3://bucket/prefix (unset: the local blob folder)",
    )
    .optional(),
  /** An S3-compatible endpoint (e.g. http://127.0.0.1:9000); unset: AWS S3 of the region. */
  PAGEWISE_S3_ENDPOINT: z.url().optional(),
  PAGEWISE_S3_REGION: z.string().min(1).default("us-east-1"),
  /** `on`: bucket in the path (`endpoint/bucket/key`). Default: on when an endpoint is set. */
  PAGEWISE_S3_FORCE_PATH_STYLE: z.enum(["on", "off"]).optional(),
};

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
  ...BlobStoreEnvShape,
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
