import { randomBytes } from "node:crypto";
import { unwrapKey, wrapKey } from "../encryption/envelope";
import { type FieldEncryption, fieldEncryptionOf } from "../encryption/field-encryption";
import { KEY_BYTES } from "../encryption/keyring";
import type { Db } from "../schema";
import { nowIso } from "../time";

/** The one row of `search_keys`. */
const SEARCH_KEY_ID = "search";
const CONTEXT = "search-index";

const cache = new WeakMap<FieldEncryption, Buffer>();

/**
 * How this handle indexes and searches: keyed hashes of the terms under the search key while
 * encryption writes (`hashed`), else the clear terms (no field encryption, or
 * PAGEWISE_ENCRYPTION=off).
 *
 * The search key is a random key of its own, kept in the database wrapped by the master key
 * (like a document's data key), made on first use. A rotation re-wraps it; the key itself never
 * changes, so the index stays valid across rotations without re-indexing.
 */
export async function searchMode(
  db: Db,
): Promise<{ hashed: false } | { hashed: true; key: Buffer }> {
  const fe = fieldEncryptionOf(db);
  if (!fe?.encryptWrites) return { hashed: false };
  const cached = cache.get(fe);
  if (cached) return { hashed: true, key: cached };
  let row = await db
    .selectFrom("search_keys")
    .selectAll()
    .where("id", "=", SEARCH_KEY_ID)
    .executeTakeFirst();
  if (!row) {
    const { keyId, wrapped } = wrapKey(fe.keyring, randomBytes(KEY_BYTES), CONTEXT);
    // Two processes may make one at once: the first insert wins, both use its key.
    await db
      .insertInto("search_keys")
      .values({
        id: SEARCH_KEY_ID,
        key_id: keyId,
        wrapped_key: wrapped.toString("base64"),
        created_at: nowIso(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    row = await db
      .selectFrom("search_keys")
      .selectAll()
      .where("id", "=", SEARCH_KEY_ID)
      .executeTakeFirstOrThrow();
  }
  const key = unwrapKey(fe.keyring, row.key_id, Buffer.from(row.wrapped_key, "base64"), CONTEXT);
  cache.set(fe, key);
  return { hashed: true, key };
}

/** Re-wrap the search key under the current master key (part of `keys rotate`). */
export async function rewrapSearchKey(
  db: Db,
  fe: Pick<FieldEncryption, "keyring">,
): Promise<number> {
  const row = await db
    .selectFrom("search_keys")
    .selectAll()
    .where("id", "=", SEARCH_KEY_ID)
    .executeTakeFirst();
  if (!row || row.key_id === fe.keyring.currentId) return 0;
  const key = unwrapKey(fe.keyring, row.key_id, Buffer.from(row.wrapped_key, "base64"), CONTEXT);
  const { keyId, wrapped } = wrapKey(fe.keyring, key, CONTEXT);
  const result = await db
    .updateTable("search_keys")
    .set({ key_id: keyId, wrapped_key: wrapped.toString("base64") })
    .where("id", "=", SEARCH_KEY_ID)
    .where("key_id", "=", row.key_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
