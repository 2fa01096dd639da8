import { join, resolve } from "node:path";

/**
 * The embedded defaults under one data folder: the SQLite file and the blob folder. API and
 * worker processes derive the same paths from the same `PAGEWISE_DATA_DIR`.
 */
export function storageLocations(dataDir: string, databaseUrl?: string) {
  const root = resolve(dataDir);
  return {
    databaseUrl: databaseUrl ?? join(root, "pagewise.sqlite"),
    blobDir: join(root, "blobs"),
  };
}
