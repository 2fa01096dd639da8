import { statfs } from "node:fs/promises";
import { PagewiseError } from "@pagewise/core";

const DISK_FULL_CODES = new Set([
  "ENOSPC", // no space left on device
  "EDQUOT", // disk quota exceeded
  "SQLITE_FULL", // better-sqlite3: the database or its journal could not grow
  "53100", // PostgreSQL disk_full
]);

/** True when a write failed because the disk (or the database's disk) is full. */
export function isDiskFullError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof PagewiseError) return e.code === "insufficient_storage";
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && DISK_FULL_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function diskFullError(): PagewiseError {
  return new PagewiseError(
    "insufficient_storage",
    "The server's disk is full: nothing was stored. Free space (delete documents) and try again.",
  );
}

/** Bytes an unprivileged writer can still use on the file system that holds `path`. */
export async function freeDiskBytes(path: string): Promise<number> {
  const stats = await statfs(path);
  return stats.bavail * stats.bsize;
}
