import type { JobProducer } from "@pagewise/queue";
import type { ApiToken, BlobStore, Db, Project } from "@pagewise/storage";
import type { Logger } from "pino";

/** Everything the HTTP layer needs, built once in `main.ts` and passed in (tests build their own). */
export interface ApiDeps {
  db: Db;
  blobs: BlobStore;
  producer: JobProducer;
  logger: Logger;
  limits: { maxFileBytes: number; maxFilesPerRequest: number };
  /** Database and Redis reachability, for `/readyz`. */
  checkReady(): Promise<{ database: boolean; redis: boolean }>;
  /** Built UI folder, if any. */
  webDir?: string | undefined;
}

export interface AppEnv {
  Variables: {
    token: ApiToken;
    project: Project;
  };
}
