import type { BlobStore } from "./blob-store";
import type { Db } from "./schema";

/**
 * Blobs are content-addressed, so one blob may belong to several rows: the same file uploaded
 * twice, identical page images, a model artifact. A blob may be removed only when no row points
 * at it — and that must hold while other processes add and remove rows at the same time.
 *
 * The protocol, without a lock shared by the API and the workers:
 * - a writer stores the bytes, commits the row that points at them, then makes sure the bytes are
 *   still there and stores them again if not (`storeReferencedBlob`);
 * - a remover checks that nothing points at the blob, keeps its bytes in memory, deletes it,
 *   checks again, and puts the bytes back when a row appeared in between (`releaseBlob`).
 * Whatever the interleaving, a committed row ends up with its bytes: either the remover sees the
 * row on its second check and restores the blob, or the writer's check runs after the deletion
 * and stores the bytes again. The price is a moment in which the blob is missing for a row that
 * was being written at that instant, before its writer has answered anyone.
 */

/** True when any row still points at the blob (documents, page images, snapshots, models). */
export async function isBlobReferenced(db: Db, key: string): Promise<boolean> {
  const checks: (() => Promise<unknown[]>)[] = [
    () => db.selectFrom("documents").select("id").where("blob_key", "=", key).limit(1).execute(),
    () =>
      db.selectFrom("pages").select("image_key").where("image_key", "=", key).limit(1).execute(),
    () =>
      db
        .selectFrom("dataset_snapshots")
        .select("id")
        .where("blob_key", "=", key)
        .limit(1)
        .execute(),
    // `artifacts` is JSON `{ filename: key }`; the table is small (a few rows per retraining).
    () =>
      db
        .selectFrom("model_versions")
        .select("id")
        .where("artifacts", "like", `%"${key}"%`)
        .limit(1)
        .execute(),
  ];
  for (const check of checks) {
    if ((await check()).length > 0) return true;
  }
  return false;
}

/**
 * Delete a blob unless a row points at it (see the protocol above). Returns true when the blob
 * is gone.
 */
export async function releaseBlob(db: Db, blobs: BlobStore, key: string): Promise<boolean> {
  if (await isBlobReferenced(db, key)) return false;
  const bytes = await blobs.get(key);
  if (!bytes) return true;
  await blobs.delete(key);
  if (await isBlobReferenced(db, key)) {
    // A writer committed a row for these bytes between the two checks: give them back.
    await blobs.put(bytes);
    return false;
  }
  return true;
}

/**
 * Store bytes for a row that `link` writes and points at them. `link` returns false when the row
 * could not be written (its owner was deleted meanwhile); the bytes are then released again, so
 * nothing is left behind. Returns the key, or null when nothing was linked.
 */
export async function storeReferencedBlob(
  db: Db,
  blobs: BlobStore,
  bytes: Uint8Array,
  link: (key: string) => Promise<boolean>,
): Promise<string | null> {
  const { key } = await blobs.put(bytes);
  let linked = false;
  try {
    linked = await link(key);
  } finally {
    if (!linked) await releaseBlob(db, blobs, key);
  }
  if (!linked) return null;
  // A concurrent `releaseBlob` may have deleted the bytes before the row was committed.
  if (!(await blobs.has(key))) await blobs.put(bytes);
  return key;
}
