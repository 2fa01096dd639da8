import { parseEnv, SharedEnvShape } from "@pagewise/core";
import { z } from "zod";

/** Exported for the deploy files' check (test/deploy-files.test.ts): what each app reads. */
export const EnvSchema = z.object({
  ...SharedEnvShape,
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default("127.0.0.1"),
  /** If set, the admin token of the `default` project; otherwise one is generated and printed once. */
  PAGEWISE_ADMIN_TOKEN: z.string().min(16).optional(),
  PAGEWISE_MAX_FILES_PER_REQUEST: z.coerce.number().int().positive().default(20),
  /** Below this many free bytes on the data folder's disk, `/readyz` reports `degraded`. */
  PAGEWISE_MIN_FREE_DISK_BYTES: z.coerce.number().int().nonnegative().default(500_000_000),
  /** Space kept back on the data folder's disk so that deleting documents works when it is full. */
  PAGEWISE_DISK_RESERVE_BYTES: z.coerce.number().int().nonnegative().default(16_000_000),
  /** `off`: no rate limits (e.g. behind a proxy that limits already). */
  PAGEWISE_RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  /** Failed sign-ins (401) one client address may have per window before it gets 429. */
  PAGEWISE_RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().positive().default(20),
  PAGEWISE_RATE_LIMIT_AUTH_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Requests one API token may make per window. */
  PAGEWISE_RATE_LIMIT_REQUESTS_PER_TOKEN: z.coerce.number().int().positive().default(600),
  PAGEWISE_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Built UI to serve at `/` (apps/web/dist); unset or missing folder serves no UI. */
  PAGEWISE_WEB_DIR: z.string().optional(),
  /**
   * Where people reach Pagewise (e.g. https://pagewise.example.org): the OIDC redirect URI is
   * built from it, the session cookie is `Secure` when it is https, and cookie-authenticated
   * unsafe requests must come from this origin.
   */
  PAGEWISE_PUBLIC_URL: z.url().optional(),
  /** OpenID Connect sign-in: all three set turns it on (see docs/authentication.md). */
  PAGEWISE_OIDC_ISSUER: z.url().optional(),
  PAGEWISE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PAGEWISE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Comma-separated emails (verified by the provider) that are admins of every project. */
  PAGEWISE_OIDC_ADMIN_EMAILS: z.string().default(""),
  /** How long a browser session lasts (seconds); signing out ends it earlier. */
  PAGEWISE_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 60 * 60),
  /**
   * The consume folder (docs/consume-folder.md): files put into `<dir>/<project>/` are uploaded
   * to that project once, then moved to `<dir>/done/` or `<dir>/failed/`. Unset: off.
   */
  PAGEWISE_CONSUME_DIR: z.string().min(1).optional(),
  /** The project of files put directly into the consume folder. */
  PAGEWISE_CONSUME_PROJECT: z.string().min(1).default("default"),
  /** Time between two scans; a file is taken once two scans in a row saw it unchanged. */
  PAGEWISE_CONSUME_POLL_MS: z.coerce.number().int().min(100).default(2000),
});

export type ApiEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  return parseEnv(EnvSchema, source);
}
