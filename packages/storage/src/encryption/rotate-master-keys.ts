import type { Db } from "../schema";
import { rewrapSearchKey } from "../search/search-key";
import { nowIso } from "../time";
import { resealWebhookSecrets } from "../webhook-secrets";
import type { EncryptedBlobStore } from "./encrypted-blob-store";
import { unwrapKey, wrapKey } from "./envelope";
import type { MasterKeyring } from "./keyring";

export interface RotationReport {
  /** Document data keys re-wrapped under the current master key. */
  documentKeys: number;
  /** Blobs whose data key was re-wrapped (ciphertext kept), blobs found in clear and encrypted. */
  blobs: { rewrapped: number; encrypted: number; current: number };
  /** Master keys that wrap nothing any more: they may be removed from the keyring. */
  retired: string[];
}

/**
 * Re-wrap every data key under the keyring's current master key, without re-encrypting data:
 * the document keys in the database and the key in each blob's header. Afterwards the other
 * master keys are marked retired (a start no longer asks for them) and can be dropped.
 *
 * Run it after every API and worker process holds the new current key (restarted with it), so
 * that nothing wraps new data keys under the old one meanwhile. Safe to run again.
 */
export async function rotateMasterKeys(
  db: Db,
  blobs: { store: EncryptedBlobStore; keys: AsyncIterable<string> },
  keyring: MasterKeyring,
  log: (line: string) => void = () => {},
): Promise<RotationReport> {
  const current = keyring.currentId;
  let documentKeys = 0;
  for (;;) {
    const rows = await db
      .selectFrom("document_keys")
      .selectAll()
      .where("key_id", "!=", current)
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const context = `document:${row.document_id}`;
      const key = unwrapKey(keyring, row.key_id, Buffer.from(row.wrapped_key, "base64"), context);
      const { keyId, wrapped } = wrapKey(keyring, key, context);
      // Compare-and-set on the old wrapping: a concurrent rotation changes nothing twice.
      const result = await db
        .updateTable("document_keys")
        .set({ key_id: keyId, wrapped_key: wrapped.toString("base64") })
        .where("document_id", "=", row.document_id)
        .where("key_id", "=", row.key_id)
        .executeTakeFirst();
      documentKeys += Number(result.numUpdatedRows);
    }
    log(`document keys re-wrapped: ${documentKeys}`);
  }
  // Webhook signing secrets are sealed by the master key itself (no data key of their own).
  log(`webhook secrets re-sealed: ${await resealWebhookSecrets(db, keyring)}`);
  // The search key is re-wrapped, never changed: the search index stays valid.
  if ((await rewrapSearchKey(db, { keyring })) > 0) log("search key re-wrapped");
  const counts = { rewrapped: 0, encrypted: 0, current: 0 };
  for await (const key of blobs.keys) {
    const done = await blobs.store.rewrap(key);
    if (done !== "missing") counts[done]++;
  }
  log(
    `blobs: ${counts.rewrapped} re-wrapped, ${counts.encrypted} encrypted, ${counts.current} already current`,
  );
  const stale = await db
    .selectFrom("master_keys")
    .select("id")
    .where("id", "!=", current)
    .where("retired_at", "is", null)
    .execute();
  if (stale.length > 0) {
    await db
      .updateTable("master_keys")
      .set({ retired_at: nowIso() })
      .where(
        "id",
        "in",
        stale.map((row) => row.id),
      )
      .execute();
  }
  return { documentKeys, blobs: counts, retired: stale.map((row) => row.id) };
}
