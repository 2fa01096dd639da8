import { accessSync, constants } from "node:fs";
import { join, resolve } from "node:path";
import { ensurePrivateDirSync } from "./private-files";
import { StartupError } from "./startup-error";

/**
 * The embedded defaults under one data folder: the SQLite file, the blob folder, the key file. API and
 * worker processes derive the same paths from the same `PAGEWISE_DATA_DIR`.
 */
export function storageLocations(dataDir: string, databaseUrl?: string) {
  const root = resolve(dataDir);
  return {
    dataDir: root,
    databaseUrl: databaseUrl ?? join(root, "pagewise.sqlite"),
    blobDir: join(root, "blobs"),
    /** The master keyring generated on the first start when no key is configured. */
    keyFile: join(root, "master-key.json"),
  };
}

/**
 * Create the blob folder if needed (0700, with any data folder it creates) and make sure this
 * process may write to it.
 */
export function ensureWritableDir(dir: string): void {
  try {
    ensurePrivateDirSync(dir, { tightenExisting: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(
      `Cannot write to ${dir} (${reason}). Check that PAGEWISE_DATA_DIR exists or can be ` +
        "created, and is writable by this user.",
      { cause: error },
    );
  }
}
