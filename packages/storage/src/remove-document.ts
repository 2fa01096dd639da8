import { sql } from "kysely";
import type { NewAuditEvent } from "./audit-events";
import { releaseBlob } from "./blob-references";
import type { BlobStore } from "./blob-store";
import type { DiskReserve } from "./disk-reserve";
import { type DocumentRecord, deleteDocument } from "./documents";
import { recordEvent } from "./events";
import type { Db } from "./schema";
import { isSqlite } from "./sql-dialect";

export interface RemoveDocumentDeps {
  db: Db;
  blobs: BlobStore;
  /** Space kept back so that deleting works on a full disk. */
  diskReserve?: DiskReserve | undefined;
}

export interface RemovedDocument {
  /** Blob keys the document pointed at (original, page images); shared ones were kept. */
  blobKeys: string[];
  /** Blobs actually deleted (those no other row points at). */
  blobsDeleted: number;
  /** The `document.deleted` audit line could not be written (a full disk): the deletion stands. */
  eventError?: Error;
}

/**
 * Delete everything of a document: its rows (pages, results, reviews, observations, events, its
 * split go with it), its original and page images unless another row still points at the same
 * bytes, and a `document.deleted` line in the project's trail. The one deletion used by
 * `DELETE …/documents/{id}` and by the retention job. Returns null when there is no such
 * document in the project. Call `scrubDeletedRows` afterwards (once per batch) so that the
 * deleted text also leaves SQLite's write-ahead log.
 */
export async function removeDocument(
  deps: RemoveDocumentDeps,
  input: {
    projectId: string;
    documentId: string;
    actor: string | null;
    reason?: string;
    /** The project audit-log entry of this deletion, written in the deletion's transaction. */
    audit?: (document: DocumentRecord) => NewAuditEvent;
  },
): Promise<RemovedDocument | null> {
  const remove = () =>
    deleteDocument(
      deps.db,
      input.projectId,
      input.documentId,
      input.audit ? { audit: input.audit } : {},
    );
  // On a full disk the database cannot even delete rows: the reserve gives it room once.
  const deleted = await (deps.diskReserve ? deps.diskReserve.whileFreeingSpace(remove) : remove());
  if (!deleted) return null;
  // Blobs are content-addressed: the same bytes may belong to another document (or be a page
  // image another document also has); `releaseBlob` keeps what is still referenced.
  let blobsDeleted = 0;
  for (const key of deleted.blobKeys) {
    if (await releaseBlob(deps.db, deps.blobs, key)) blobsDeleted++;
  }
  let eventError: Error | undefined;
  await recordEvent(deps.db, {
    projectId: input.projectId,
    type: "document.deleted",
    actor: input.actor,
    data: { documentId: input.documentId, ...(input.reason ? { reason: input.reason } : {}) },
  }).catch((err: Error) => {
    // The document is gone; a full disk may refuse its audit line, not the deletion.
    eventError = err;
  });
  await deps.diskReserve?.ensure();
  return { blobKeys: deleted.blobKeys, blobsDeleted, ...(eventError ? { eventError } : {}) };
}

/**
 * After deletions on SQLite: `secure_delete` has zeroed the freed space of the database file,
 * but the write-ahead log still holds the pages as they were before. A TRUNCATE checkpoint copies
 * the log into the file and empties it. It never waits: when another connection is reading an
 * older snapshot right now, it answers `complete: false` and the log is emptied by a later
 * checkpoint. PostgreSQL: a no-op (see docs/data-protection.md on VACUUM). With `reserve`, a
 * checkpoint that fails on a full disk is tried once more with the reserve's space.
 */
export async function scrubDeletedRows(
  db: Db,
  reserve?: DiskReserve,
): Promise<{ complete: boolean }> {
  const first = await checkpointWal(db);
  if (first.complete || !reserve) return first;
  // On a full disk the checkpoint cannot grow the database file: it gets the reserve once, and
  // the reserve is put back when there is room (the emptied log gives most of it back).
  if (!(await reserve.release())) return first;
  try {
    return await checkpointWal(db);
  } finally {
    await reserve.ensure();
  }
}

async function checkpointWal(db: Db): Promise<{ complete: boolean }> {
  if (!isSqlite(db)) return { complete: true };
  return db.connection().execute(async (conn) => {
    const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
    const previous = Number(Object.values(timeout.rows[0] ?? {})[0] ?? 10_000);
    await sql.raw("pragma busy_timeout = 0").execute(conn);
    try {
      const { rows } = await sql<{
        busy: number;
        log: number;
        checkpointed: number;
      }>`pragma wal_checkpoint(TRUNCATE)`.execute(conn);
      return { complete: rows[0]?.busy === 0 };
    } catch {
      return { complete: false };
    } finally {
      await sql.raw(`pragma busy_timeout = ${Math.max(0, Math.trunc(previous))}`).execute(conn);
    }
  });
}
