import { availableParallelism } from "node:os";
import { BlobStoreEnvShape, parseEnv } from "@pagewise/core";
import { z } from "zod";

/** Exported for the deploy files' check (test/deploy-files.test.ts): what each app reads. */
export const EnvSchema = z.object({
  /** Where reading results (layouts) are cached, keyed by the file's sha256. */
  PAGEWISE_CACHE_DIR: z.string().default(".cache/layouts"),
  /** Reader threads (pdf.js + OCR) when documents must be read. */
  PAGEWISE_READER_THREADS: z.coerce.number().int().positive().default(availableParallelism()),
  PAGEWISE_OCR_LANGUAGES: z.string().default("eng"),
  /** The running platform, for `import`, `models` and `train --project`. */
  PAGEWISE_URL: z.string().url().default("http://127.0.0.1:8080"),
  /** An API token of the project (admin for promotions and retraining). */
  PAGEWISE_TOKEN: z.string().optional(),
  /** `keys`: the platform's data folder, database and master keys (as the API and worker have them). */
  PAGEWISE_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().optional(),
  /** `keys rotate` walks the blobs where the platform keeps them (local folder or S3). */
  ...BlobStoreEnvShape,
  PAGEWISE_MASTER_KEY: z.string().optional(),
  PAGEWISE_MASTER_KEY_FILE: z.string().optional(),
});

export type CliEnv = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): CliEnv {
  return parseEnv(EnvSchema, source);
}
