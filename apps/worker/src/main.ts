import {
  type MetricsServer,
  setMetricsEnabled,
  startMetricsServer,
  startProcessMetrics,
  watchReaderPool,
} from "@pagewise/metrics";
import { initBackend } from "@pagewise/models";
import { DocumentReader } from "@pagewise/ocr";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import {
  EncryptedBlobStore,
  exitOnStartupError,
  openBlobStore,
  openStorage,
  storageLocations,
} from "@pagewise/storage";
import pino from "pino";
import { BlobCache } from "./blob-cache";
import { resolveCodeVersion } from "./code-version";
import type { WorkerDeps } from "./deps";
import { DocumentContexts } from "./document-context";
import { loadEnv } from "./env";
import { handlers } from "./handlers";
import { workerHealthRoutes } from "./health-checks";
import { startQueueWorkers } from "./job-registry";
import { startRedisWatchdog } from "./maintenance/redis-watchdog";
import { ensureSchedules } from "./maintenance/schedules";
import { createVanishedJobReporter } from "./maintenance/vanished-job-errors";
import { ModelCache } from "./models/model-cache";
import { startWebhookDispatcher } from "./webhooks/dispatch-webhook-events";

const env = loadEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { app: "worker", pid: process.pid } });
const metricsOn = env.PAGEWISE_METRICS === "on";
setMetricsEnabled(metricsOn);
if (metricsOn) startProcessMetrics();
const locations = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL);

// The local blob folder or an S3 bucket (PAGEWISE_BLOB_URL), checked usable, temps of crashed
// writes removed.
const blobStore = await openBlobStore(env, locations).catch((err) =>
  exitOnStartupError("worker", err),
);
const database = await openStorage(
  "worker",
  { ...locations, blobDir: blobStore.localDir },
  {
    masterKey: env.PAGEWISE_MASTER_KEY,
    masterKeyFile: env.PAGEWISE_MASTER_KEY_FILE,
    encryptWrites: env.PAGEWISE_ENCRYPTION === "on",
    autoMigrate: env.PAGEWISE_AUTO_MIGRATE === "on",
  },
);

const connection = createRedisConnection(env.REDIS_URL);
connection.on("error", (err) => logger.warn({ err: err.message }, "redis"));

// The worker's own HTTP port: /healthz and /readyz for orchestrators, /metrics when metrics are
// on. Started before anything waits on Redis, so a liveness probe sees a worker that waits for
// it as alive (and its readiness as failing). A taken port does not stop the worker: Prometheus
// then sees it as down, which alerts, while documents keep flowing.
const httpServer: MetricsServer | undefined = await startMetricsServer({
  host: env.HOST,
  port: env.PAGEWISE_WORKER_METRICS_PORT,
  token: env.PAGEWISE_METRICS_TOKEN,
  metrics: metricsOn,
  routes: workerHealthRoutes({
    db: database.db,
    redis: connection,
    ...(blobStore.kind === "s3" ? { pingObjectStore: () => blobStore.ping() } : {}),
  }),
}).catch((err: Error) => {
  logger.error(
    { err: err.message, port: env.PAGEWISE_WORKER_METRICS_PORT },
    "health and metrics not served",
  );
  return undefined;
});
const producer = new JobProducer(connection, env.PAGEWISE_QUEUE_PREFIX);
// Encryption at rest: each blob with its own data key, wrapped by the master key.
const blobs = new EncryptedBlobStore(blobStore.store, database.keyring, {
  encryptWrites: env.PAGEWISE_ENCRYPTION === "on",
});
const limits = {
  maxBytes: env.PAGEWISE_MAX_FILE_BYTES,
  maxPages: env.PAGEWISE_MAX_PAGES,
  maxPixels: env.PAGEWISE_MAX_PIXELS,
  maxStreamBytes: env.PAGEWISE_MAX_STREAM_BYTES,
  maxDecodedBytes: env.PAGEWISE_MAX_DECODED_BYTES,
};
const reader = new DocumentReader({
  threads: env.PAGEWISE_READER_THREADS,
  languages: env.PAGEWISE_OCR_LANGUAGES,
  recycleAfterPages: env.PAGEWISE_OCR_RECYCLE_AFTER_PAGES,
  timeoutMs: env.PAGEWISE_READ_TIMEOUT_MS,
  maxRssMb: env.PAGEWISE_READER_MAX_RSS_MB,
  keepWarm: true,
  onThreadRecycled: (rss) =>
    logger.info({ rssMb: Math.round(rss / 1024 / 1024) }, "reader thread recycled"),
  onMemoryLimitRaised: (floor, limit) =>
    logger.warn(
      { rssMb: Math.round(floor / 1024 / 1024), limitMb: Math.round(limit / 1024 / 1024) },
      "reader memory limit raised: the worker stays past PAGEWISE_READER_MAX_RSS_MB without " +
        "reader threads, so they are replaced only above the raised limit until it is back under",
    ),
  limits,
});

watchReaderPool(() => reader.stats());

const backend = await initBackend({ log: (message) => logger.info(message) });
const deps: WorkerDeps = {
  db: database.db,
  blobs,
  blobCache: new BlobCache(blobs),
  reader,
  contexts: new DocumentContexts(),
  producer,
  logger,
  limits,
  staleAfterMs: env.PAGEWISE_STALE_AFTER_MS,
  pageImages: env.PAGEWISE_PAGE_IMAGES,
  models: new ModelCache(database.db, blobs, logger),
  codeVersion: resolveCodeVersion(env.PAGEWISE_CODE_VERSION),
  trainingSeed: env.PAGEWISE_TRAINING_SEED,
  trainingStageHoldMs: env.PAGEWISE_TRAINING_STAGE_HOLD_MS,
  bootstrapQuietMs: env.PAGEWISE_BOOTSTRAP_QUIET_MS,
  extractorMinSteps: env.PAGEWISE_EXTRACTOR_MIN_STEPS,
  webhooks: {
    allowPrivate: env.PAGEWISE_WEBHOOK_ALLOW_PRIVATE,
    timeoutMs: env.PAGEWISE_WEBHOOK_TIMEOUT_MS,
    maxAttempts: env.PAGEWISE_WEBHOOK_MAX_ATTEMPTS,
    backoffMs: env.PAGEWISE_WEBHOOK_BACKOFF_MS,
    disableAfter: env.PAGEWISE_WEBHOOK_DISABLE_AFTER,
  },
};

const schedules = {
  reconcileEveryMs: env.PAGEWISE_RECONCILE_EVERY_MS,
  retentionEveryMs: env.PAGEWISE_RETENTION_EVERY_MS,
  blobSweepEveryMs: env.PAGEWISE_BLOB_SWEEP_EVERY_MS,
  blobSweepGraceMs: env.PAGEWISE_BLOB_SWEEP_GRACE_MS,
};
// Checks that Redis still holds the schedulers (it loses them with its data) and restores them.
const watchdog = startRedisWatchdog(deps, {
  connection,
  ...schedules,
  checkEveryMs: Math.min(env.PAGEWISE_RECONCILE_EVERY_MS, 10_000),
});
const workers = startQueueWorkers(deps, handlers, {
  connection,
  prefix: env.PAGEWISE_QUEUE_PREFIX,
  concurrency: {
    pipeline: 8,
    // Keep every reader thread busy while other jobs wait on the database or Redis.
    reading: env.PAGEWISE_READER_THREADS * 2,
    training: 1,
    maintenance: 1,
    // Deliveries mostly wait on receivers.
    webhooks: 10,
  },
  lockDuration: env.PAGEWISE_JOB_LOCK_MS,
  stalledInterval: env.PAGEWISE_STALLED_CHECK_MS,
  metrics: metricsOn,
  onWorkerError: createVanishedJobReporter(logger, () => void watchdog.check("job vanished")),
});

// Recorded events become webhook deliveries (a database poll: it needs nothing from Redis).
const webhookDispatcher = startWebhookDispatcher(deps, env.PAGEWISE_WEBHOOK_DISPATCH_EVERY_MS);

// One scheduler entry per id however many workers run: upsert is idempotent by id.
await ensureSchedules(deps, { ...schedules, always: true });
logger.info(
  {
    readerThreads: env.PAGEWISE_READER_THREADS,
    backend,
    blobs: blobStore.location,
    codeVersion: deps.codeVersion,
    httpPort: httpServer?.port ?? null,
  },
  "worker started",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker shutting down: finishing active jobs");
  watchdog.stop();
  webhookDispatcher.stop();
  // Active jobs get a grace period; anything longer is picked up again as stalled.
  const force = setTimeout(() => {
    logger.warn("shutdown grace period over; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  await Promise.all(workers.map((w) => w.close()));
  await httpServer?.close();
  await reader.close();
  await producer.close();
  connection.disconnect();
  blobStore.close();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
