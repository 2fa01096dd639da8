import { randomBytes } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { freeDiskBytes, isDiskFullError } from "./disk-full";
import { PRIVATE_FILE_MODE } from "./private-files";

/** Below this many free bytes a failed write is taken for a full disk (SQLite may hide ENOSPC). */
const NEARLY_FULL_BYTES = 1_000_000;

/**
 * A file of zeros kept on the data folder's disk so that deleting stays possible when the disk is
 * full: SQLite needs room in its journal even to delete rows. When a deletion fails on a full
 * disk, the reserve is given up and the deletion tried again; it is put back (best effort) once
 * there is room.
 */
export class DiskReserve {
  constructor(
    private readonly path: string,
    private readonly bytes: number,
  ) {}

  /** Make sure the reserve exists; false when there is no room for it (it is tried again later). */
  async ensure(): Promise<boolean> {
    if (this.bytes <= 0) return false;
    const current = await stat(this.path).catch(() => null);
    if (current?.size === this.bytes) return true;
    const tmp = join(dirname(this.path), `.reserve-${randomBytes(6).toString("hex")}`);
    try {
      const file = await open(tmp, "w", PRIVATE_FILE_MODE);
      try {
        const chunk = Buffer.alloc(Math.min(this.bytes, 1 << 20));
        for (let written = 0; written < this.bytes; written += chunk.length) {
          await file.write(chunk, 0, Math.min(chunk.length, this.bytes - written));
        }
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, this.path);
      return true;
    } catch {
      await rm(tmp, { force: true }).catch(() => {});
      return false;
    }
  }

  /** Give the reserve's space back; false when there was none to give. */
  async release(): Promise<boolean> {
    const existed = await stat(this.path).then(
      () => true,
      () => false,
    );
    await rm(this.path, { force: true });
    return existed;
  }

  /**
   * Run `write` (a deletion: something that frees space); if it fails on a full disk, release the
   * reserve and run it once more. Afterwards the reserve is put back when there is room.
   */
  async whileFreeingSpace<T>(write: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await write();
    } catch (error) {
      const full =
        isDiskFullError(error) ||
        (await freeDiskBytes(dirname(this.path)).catch(() => Infinity)) < NEARLY_FULL_BYTES;
      if (!full || !(await this.release())) throw error;
      result = await write();
    }
    return result;
  }
}
