import { initBackend } from "@pagewise/models";
import { DocumentReader } from "@pagewise/ocr";
import { createRedisConnection, JOB_CATALOG, JobProducer } from "@pagewise/queue";
import {
  createDatabase,
  LocalBlobStore,
  listProjects,
  migrateToLatest,
  storageLocations,
} from "@pagewise/storage";
import pino from "pino";
import { BlobCache } from "./blob-cache";
import { resolveCodeVersion } from "./code-version";
import type { WorkerDeps } from "./deps";
import { loadEnv } from "./env";
import { handlers } from "./handlers";
import { startQueueWorkers } from "./job-registry";
import { ModelCache } from "./models/model-cache";

const env = loadEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { app: "worker", pid: process.pid } });
const locations = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL);
const database = createDatabase({ url: locations.databaseUrl });
await migrateToLatest(database.db);

const connection = createRedisConnection(env.REDIS_URL);
connection.on("error", (err) => logger.warn({ err: err.message }, "redis"));
const producer = new JobProducer(connection, env.PAGEWISE_QUEUE_PREFIX);
const blobs = new LocalBlobStore(locations.blobDir);
const limits = {
  maxBytes: env.PAGEWISE_MAX_FILE_BYTES,
  maxPages: env.PAGEWISE_MAX_PAGES,
  maxPixels: env.PAGEWISE_MAX_PIXELS,
};
const reader = new DocumentReader({
  threads: env.PAGEWISE_READER_THREADS,
  languages: env.PAGEWISE_OCR_LANGUAGES,
  recycleAfterPages: env.PAGEWISE_OCR_RECYCLE_AFTER_PAGES,
  timeoutMs: env.PAGEWISE_READ_TIMEOUT_MS,
  limits,
});

const backend = await initBackend({ log: (message) => logger.info(message) });
const deps: WorkerDeps = {
  db: database.db,
  blobs,
  blobCache: new BlobCache(blobs),
  reader,
  producer,
  logger,
  limits,
  staleAfterMs: env.PAGEWISE_STALE_AFTER_MS,
  models: new ModelCache(database.db, blobs, logger),
  codeVersion: resolveCodeVersion(env.PAGEWISE_CODE_VERSION),
  trainingSeed: env.PAGEWISE_TRAINING_SEED,
};

const workers = startQueueWorkers(deps, handlers, {
  connection,
  prefix: env.PAGEWISE_QUEUE_PREFIX,
  concurrency: {
    pipeline: 8,
    // Keep every reader thread busy while other jobs wait on the database or Redis.
    reading: env.PAGEWISE_READER_THREADS * 2,
    training: 1,
    maintenance: 1,
  },
  lockDuration: env.PAGEWISE_JOB_LOCK_MS,
  stalledInterval: env.PAGEWISE_STALLED_CHECK_MS,
});

// One scheduler entry however many workers run: upsert is idempotent by id.
await producer
  .queue(JOB_CATALOG["system.reconcile"].queue)
  .upsertJobScheduler(
    "reconcile-documents",
    { every: env.PAGEWISE_RECONCILE_EVERY_MS },
    { name: "system.reconcile", data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
// Every project's feedback check on its own interval (the API upserts them on changes too).
for (const project of await listProjects(database.db)) {
  await producer.upsertFeedbackCheck(project.id, project.settings.retrainCheckIntervalSeconds);
}
logger.info(
  { readerThreads: env.PAGEWISE_READER_THREADS, backend, codeVersion: deps.codeVersion },
  "worker started",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "worker shutting down: finishing active jobs");
  // Active jobs get a grace period; anything longer is picked up again as stalled.
  const force = setTimeout(() => {
    logger.warn("shutdown grace period over; exiting");
    process.exit(1);
  }, 30_000);
  force.unref();
  await Promise.all(workers.map((w) => w.close()));
  await reader.close();
  await producer.close();
  connection.disconnect();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
