import { isBlobReferenced, releaseBlob } from "./blob-references";
import type { BlobStore } from "./blob-store";
import { DecryptionError } from "./encryption/envelope";
import type { Db } from "./schema";

export interface SweepResult {
  /** Blobs looked at. */
  scanned: number;
  /** Blobs younger than the grace period, left alone whatever points at them. */
  young: number;
  /** Blobs deleted: no row pointed at them. */
  removed: number;
  removedBytes: number;
  /** The deleted keys (sha256: no content), at most the first 100. */
  removedKeys: string[];
}

/**
 * Delete every blob no row points at (documents, page images, snapshots, model artifacts) that
 * was last written more than `graceMs` ago. The grace period protects writes in flight: an upload,
 * a render or a training stores its bytes before it commits the row that points at them. Each
 * deletion goes through `releaseBlob`, which checks again and puts the bytes back when a row
 * appeared meanwhile.
 */
export async function sweepOrphanBlobs(
  db: Db,
  blobs: BlobStore,
  options: { graceMs: number; now?: number },
): Promise<SweepResult> {
  const before = (options.now ?? Date.now()) - options.graceMs;
  const result: SweepResult = {
    scanned: 0,
    young: 0,
    removed: 0,
    removedBytes: 0,
    removedKeys: [],
  };
  for await (const blob of blobs.list()) {
    result.scanned++;
    if (blob.modifiedAt.getTime() > before) {
      result.young++;
      continue;
    }
    if (!(await releaseOrphan(db, blobs, blob.key))) continue;
    result.removed++;
    result.removedBytes += blob.size;
    if (result.removedKeys.length < 100) result.removedKeys.push(blob.key);
  }
  return result;
}

/** `releaseBlob`, and bytes nobody can read (altered, or sealed by a key long gone) go too. */
async function releaseOrphan(db: Db, blobs: BlobStore, key: string): Promise<boolean> {
  try {
    return await releaseBlob(db, blobs, key);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    // No row can ever use them, and they could not be given back to one anyway.
    if (await isBlobReferenced(db, key)) return false;
    await blobs.delete(key);
    return true;
  }
}
