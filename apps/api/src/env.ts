import { parseEnv, SharedEnvShape } from "@pagewise/core";
import { z } from "zod";

const EnvSchema = z.object({
  ...SharedEnvShape,
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default("127.0.0.1"),
  /** If set, the admin token of the `default` project; otherwise one is generated and printed once. */
  PAGEWISE_ADMIN_TOKEN: z.string().min(16).optional(),
  PAGEWISE_MAX_FILES_PER_REQUEST: z.coerce.number().int().positive().default(20),
  /** Built UI to serve at `/` (apps/web/dist); unset or missing folder serves no UI. */
  PAGEWISE_WEB_DIR: z.string().optional(),
});

export type ApiEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return parseEnv(EnvSchema, source);
}
