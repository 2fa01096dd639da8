import { parseEnv } from "@pagewise/core";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default("127.0.0.1"),
  PAGEWISE_DATA_DIR: z.string().default("./data"),
  /** `postgres://…` for PostgreSQL; unset means the SQLite file `<data dir>/pagewise.sqlite`. */
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  PAGEWISE_QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default("pagewise"),
  /** If set, the admin token of the `default` project; otherwise one is generated and printed once. */
  PAGEWISE_ADMIN_TOKEN: z.string().min(16).optional(),
  PAGEWISE_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  PAGEWISE_MAX_FILES_PER_REQUEST: z.coerce.number().int().positive().default(20),
  /** Built UI to serve at `/` (apps/web/dist); unset or missing folder serves no UI. */
  PAGEWISE_WEB_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ApiEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return parseEnv(EnvSchema, source);
}
