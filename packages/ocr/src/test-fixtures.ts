import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The committed fixtures (test/fixtures at the repository root): always there. */
export const FIXTURES_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../test/fixtures",
);

export function readFixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES_DIR, path)));
}

export function readFixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, path), "utf8")) as T;
}

/**
 * The full datasets, from env `PAGEWISE_DATASETS`: undefined when unset (tests skip); a set but
 * missing folder is a broken setup and throws rather than silently skipping.
 */
export function datasetsDir(): string | undefined {
  const dir = process.env.PAGEWISE_DATASETS;
  if (!dir) return undefined;
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new Error(`PAGEWISE_DATASETS=${dir} does not exist`);
  return abs;
}
