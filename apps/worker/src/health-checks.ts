import { type Db, pingDatabase } from "@pagewise/storage";
import type { Redis } from "ioredis";

/** A check that has not answered within this long counts as failed (a probe must not hang). */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: Promise<boolean>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
    check.then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

/**
 * The worker's `/healthz` and `/readyz`, shaped like the API's: `/healthz` answers while the
 * process runs; `/readyz` is 200 `ready` only when the database and Redis answer, else 503
 * `not_ready` with the check that failed set to false. The worker's connection retries Redis
 * commands forever (BullMQ needs that), so each check is cut off after two seconds.
 */
export function workerHealthRoutes(deps: {
  db: Db;
  redis: Redis;
  /** The blob store's reachability, when blobs live in S3 (reported as `objectStore`). */
  pingObjectStore?: () => Promise<boolean>;
}) {
  return {
    "/healthz": async () => ({ status: 200, body: { status: "ok" } }),
    "/readyz": async () => {
      const [database, redis, objectStore] = await Promise.all([
        withTimeout(pingDatabase(deps.db)),
        withTimeout(deps.redis.ping().then(() => true)),
        deps.pingObjectStore ? withTimeout(deps.pingObjectStore()) : undefined,
      ]);
      const ok = database && redis && objectStore !== false;
      return {
        status: ok ? 200 : 503,
        body: {
          status: ok ? "ready" : "not_ready",
          database,
          redis,
          ...(objectStore === undefined ? {} : { objectStore }),
        },
      };
    },
  };
}
