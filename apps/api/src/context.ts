import type { Role } from "@pagewise/core";
import type { JobProducer } from "@pagewise/queue";
import type { ApiToken, BlobStore, Db, DiskReserve, Project } from "@pagewise/storage";
import type { Logger } from "pino";
import type { AuthConfig } from "./auth-config";
import type { ConsumeStatus } from "./consume/consume-status";
import type { RateLimitOptions } from "./middleware/rate-limit-options";
import type { Principal } from "./principal";

/** Everything the HTTP layer needs, built once in `main.ts` and passed in (tests build their own). */
export interface ApiDeps {
  db: Db;
  blobs: BlobStore;
  producer: JobProducer;
  logger: Logger;
  limits: { maxFileBytes: number; maxFilesPerRequest: number };
  /** Space kept back so that deleting works on a full disk (unset in tests: no reserve). */
  diskReserve?: DiskReserve;
  /**
   * Database and Redis reachability, the data folder's free space, and the consume folder's state
   * (when PAGEWISE_CONSUME_DIR is set), for `/readyz`.
   */
  checkReady(): Promise<{
    database: boolean;
    redis: boolean;
    /** The S3 bucket answers (only when blobs live in S3: PAGEWISE_BLOB_URL). */
    objectStore?: boolean;
    disk?: DiskCheck;
    consume?: ConsumeStatus;
  }>;
  /**
   * `/metrics` and HTTP metrics: `enabled: false` (PAGEWISE_METRICS=off) records nothing and
   * answers 404; `token` (PAGEWISE_METRICS_TOKEN) is the scraper's bearer token. Default: on, no
   * token (loopback callers only).
   */
  metrics?: { enabled: boolean; token?: string | undefined };
  /**
   * Redis-backed limits on failed sign-ins per address and requests per token
   * (PAGEWISE_RATE_LIMIT_*); unset: no limits (PAGEWISE_RATE_LIMIT=off, and most tests).
   */
  rateLimit?: RateLimitOptions | undefined;
  /**
   * Webhooks: `allowPrivate` (PAGEWISE_WEBHOOK_ALLOW_PRIVATE) lets them call private, loopback
   * and link-local addresses. Default: refused.
   */
  webhooks?: { allowPrivate: boolean };
  /** Built UI folder, if any. */
  webDir?: string | undefined;
  /** Sessions, OpenID Connect and who is admin of every project (default: no OIDC). */
  auth?: AuthConfig;
}

export interface AppEnv {
  Variables: {
    /** Who is calling (see principal.ts); set on every authenticated request. */
    principal: Principal;
    /** The id to record as the actor: `usr_…` for a person, `tok_…` for a token. */
    actor: string;
    /** The calling token, for token principals only (Bearer or a token's browser session). */
    token?: ApiToken;
    /** The `{project}` of the path, once resolved (the caller can see it). */
    project: Project;
    /** The caller's role in `project`. */
    role: Role;
  };
}

/** Free space where the blobs (and an embedded SQLite file) live, against the configured floor. */
export interface DiskCheck {
  ok: boolean;
  freeBytes: number;
  minFreeBytes: number;
}
