import { existsSync } from "node:fs";
import { serve } from "@hono/node-server";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import {
  createDatabase,
  LocalBlobStore,
  migrateToLatest,
  pingDatabase,
  storageLocations,
} from "@pagewise/storage";
import pino from "pino";
import { createApp } from "./app";
import { bootstrapDefaultProject } from "./bootstrap";
import { loadEnv } from "./env";

const env = loadEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { app: "api" } });
const locations = storageLocations(env.PAGEWISE_DATA_DIR, env.DATABASE_URL);
const database = createDatabase({ url: locations.databaseUrl });
await migrateToLatest(database.db);

const { generatedToken } = await bootstrapDefaultProject(database.db, env.PAGEWISE_ADMIN_TOKEN);
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

const webDir =
  env.PAGEWISE_WEB_DIR && existsSync(env.PAGEWISE_WEB_DIR) ? env.PAGEWISE_WEB_DIR : undefined;
const app = createApp({
  db: database.db,
  blobs: new LocalBlobStore(locations.blobDir),
  producer,
  logger,
  limits: {
    maxFileBytes: env.PAGEWISE_MAX_FILE_BYTES,
    maxFilesPerRequest: env.PAGEWISE_MAX_FILES_PER_REQUEST,
  },
  webDir,
  checkReady: async () => {
    const [database_, redis_] = await Promise.all([
      pingDatabase(database.db),
      redis.ping().then(
        () => true,
        () => false,
      ),
    ]);
    return { database: database_, redis: redis_ };
  },
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  logger.info({ port: info.port, host: env.HOST, ui: webDir !== undefined }, "api listening");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "api shutting down");
  server.close();
  await producer.close().catch(() => {});
  redis.disconnect();
  await database.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
