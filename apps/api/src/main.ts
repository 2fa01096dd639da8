import { existsSync } from "node:fs";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import {
  initConsumeMetrics,
  initQuotaMetrics,
  setMetricsEnabled,
  startProcessMetrics,
  type WatchedQueue,
  watchQueues,
} from "@pagewise/metrics";
import { createRedisConnection, JobProducer, QUEUES } from "@pagewise/queue";
import {
  DiskReserve,
  EncryptedBlobStore,
  exitOnStartupError,
  freeDiskBytes,
  openBlobStore,
  openStorage,
  pingDatabase,
  storageLocations,
} from "@pagewise/storage";
import pino from "pino";
import { createApp } from "./app";
import { authConfigFromEnv } from "./auth-config";
import { bootstrapDefaultProject } from "./bootstrap";
import { RedisLease } from "./consume/consume-lock";
import { FolderConsumer } from "./consume/folder-consumer";
import { loadEnv } from "./env";

const env = loadEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { app: "api" } });
let auth: ReturnType<typeof authConfigFromEnv>;
try {
  auth = authConfigFromEnv(env);
} catch (err) {
  process.stderr.write(`pagewise api: ${(err as Error).message}\n`);
  process.exit(1);
}
const locations = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL);

// The local blob folder or an S3 bucket (PAGEWISE_BLOB_URL), checked usable, temps of crashed
// writes removed.
const blobStore = await openBlobStore(env, locations).catch((err) =>
  exitOnStartupError("api", err),
);
const database = await openStorage(
  "api",
  { ...locations, blobDir: blobStore.localDir },
  {
    masterKey: env.PAGEWISE_MASTER_KEY,
    masterKeyFile: env.PAGEWISE_MASTER_KEY_FILE,
    encryptWrites: env.PAGEWISE_ENCRYPTION === "on",
    autoMigrate: env.PAGEWISE_AUTO_MIGRATE === "on",
  },
);

const { generatedToken, adminTokenRevoked } = await bootstrapDefaultProject(
  database.db,
  env.PAGEWISE_ADMIN_TOKEN,
);
if (adminTokenRevoked) {
  logger.warn(
    "PAGEWISE_ADMIN_TOKEN was revoked and stays revoked: it does not sign in; set a new secret or use another admin token",
  );
}
if (generatedToken) {
  // Printed once, on the first start; only its hash is stored.
  process.stdout.write(
    `\n  Admin token of the 'default' project (shown once, keep it):\n\n    ${generatedToken}\n\n`,
  );
}

// The API fails fast when Redis is away (uploads stay queued in the database for the reconciler).
const redis = createRedisConnection(env.REDIS_URL, { maxRetriesPerRequest: 1 });
redis.on("error", (err) => logger.warn({ err: err.message }, "redis"));
const producer = new JobProducer(redis, env.PAGEWISE_QUEUE_PREFIX);

const metricsOn = env.PAGEWISE_METRICS === "on";
setMetricsEnabled(metricsOn);
if (metricsOn) {
  startProcessMetrics();
  // Queue depth is read from Redis on every scrape of the API (one reporter per installation).
  watchQueues(Object.values(QUEUES).map((name) => producer.queue(name) as WatchedQueue));
}

const webDir =
  env.PAGEWISE_WEB_DIR && existsSync(env.PAGEWISE_WEB_DIR) ? env.PAGEWISE_WEB_DIR : undefined;
// Encryption at rest: each blob with its own data key, wrapped by the master key.
const blobs = new EncryptedBlobStore(blobStore.store, database.keyring, {
  encryptWrites: env.PAGEWISE_ENCRYPTION === "on",
});
logger.info({ blobs: blobStore.location }, "blob store");

// The local disk that can fill up: the blob folder's, or with blobs in S3 the data folder's when
// the SQLite database lives there; none with S3 and PostgreSQL (no reserve, no disk check).
const localDiskDir = blobStore.localDir ?? (env.DATABASE_URL ? undefined : locations.dataDir);
const diskReserve = localDiskDir
  ? new DiskReserve(join(localDiskDir, ".disk-reserve"), env.PAGEWISE_DISK_RESERVE_BYTES)
  : undefined;
if (diskReserve && env.PAGEWISE_DISK_RESERVE_BYTES > 0 && !(await diskReserve.ensure())) {
  logger.warn("no room for the disk reserve: deleting documents may fail while the disk is full");
}

/** The data folder's free space against the floor; unknown (statfs failed) counts as ok. */
async function checkDisk() {
  if (!localDiskDir) return undefined;
  const minFreeBytes = env.PAGEWISE_MIN_FREE_DISK_BYTES;
  const freeBytes = await freeDiskBytes(localDiskDir).catch(() => Number.NaN);
  if (Number.isNaN(freeBytes)) return undefined;
  const ok = freeBytes >= minFreeBytes;
  // Space came back (deleted elsewhere): keep the reserve for the next time the disk fills.
  if (ok) await diskReserve?.ensure();
  return { ok, freeBytes, minFreeBytes };
}

const limits = {
  maxFileBytes: env.PAGEWISE_MAX_FILE_BYTES,
  maxFilesPerRequest: env.PAGEWISE_MAX_FILES_PER_REQUEST,
};

// The consume folder: every API process watches the folder's health, only the holder of the
// lease (one per installation, i.e. per queue prefix) scans and moves files.
const consumer = env.PAGEWISE_CONSUME_DIR
  ? new FolderConsumer(
      { db: database.db, blobs, producer, logger, limits },
      new RedisLease(
        redis,
        `${env.PAGEWISE_QUEUE_PREFIX}:consume-lock`,
        Math.max(30_000, 5 * env.PAGEWISE_CONSUME_POLL_MS),
      ),
      {
        dir: env.PAGEWISE_CONSUME_DIR,
        defaultProject: env.PAGEWISE_CONSUME_PROJECT,
        pollMs: env.PAGEWISE_CONSUME_POLL_MS,
      },
    )
  : undefined;
if (consumer && metricsOn) initConsumeMetrics();
if (metricsOn) initQuotaMetrics();

const app = createApp({
  db: database.db,
  blobs,
  diskReserve,
  producer,
  logger,
  limits,
  webDir,
  auth,
  metrics: { enabled: metricsOn, token: env.PAGEWISE_METRICS_TOKEN },
  webhooks: { allowPrivate: env.PAGEWISE_WEBHOOK_ALLOW_PRIVATE },
  rateLimit:
    env.PAGEWISE_RATE_LIMIT === "on"
      ? {
          redis,
          prefix: env.PAGEWISE_QUEUE_PREFIX,
          authFailures: env.PAGEWISE_RATE_LIMIT_AUTH_FAILURES,
          authWindowSeconds: env.PAGEWISE_RATE_LIMIT_AUTH_WINDOW_SECONDS,
          requestsPerToken: env.PAGEWISE_RATE_LIMIT_REQUESTS_PER_TOKEN,
          tokenWindowSeconds: env.PAGEWISE_RATE_LIMIT_WINDOW_SECONDS,
        }
      : undefined,
  checkReady: async () => {
    const [database_, redis_, disk, objectStore] = await Promise.all([
      pingDatabase(database.db),
      redis.ping().then(
        () => true,
        () => false,
      ),
      checkDisk(),
      blobStore.kind === "s3" ? blobStore.ping() : undefined,
    ]);
    return {
      database: database_,
      redis: redis_,
      ...(objectStore !== undefined ? { objectStore } : {}),
      ...(disk ? { disk } : {}),
      ...(consumer ? { consume: consumer.status() } : {}),
    };
  },
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, host: env.HOST, ui: webDir !== undefined }, "api listening");
  if (consumer) {
    logger.info(
      { dir: env.PAGEWISE_CONSUME_DIR, pollMs: env.PAGEWISE_CONSUME_POLL_MS },
      "consume folder watched",
    );
    consumer.start();
  }
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "api shutting down");
  server.close();
  await consumer?.stop();
  await producer.close().catch(() => {});
  redis.disconnect();
  blobStore.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
