import { randomBytes } from "node:crypto";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import type { Db } from "../schema";
import { nowIso } from "../time";
import { DecryptionError, open, seal, unwrapKey, wrapKey } from "./envelope";
import { KEY_BYTES, type MasterKeyring } from "./keyring";

/** Prefix of an encrypted column value: `enc:v1:d:<base64(IV | ciphertext | tag)>`. */
export const FIELD_PREFIX = "enc:v1:d:";
const CACHE_LIMIT = 10_000;

/**
 * Encryption of what the database holds of a document (page text and layout, results, reviews,
 * observations, imported labels). Each document has its own data key (`document_keys`, wrapped
 * by the master key): deleting the document deletes its key, and every copy of its values left
 * behind (a backup, free pages of the SQLite file) can no longer be read — crypto-shredding.
 *
 * Attached to a database handle as a kysely plugin (so transactions carry it too); repositories
 * ask `documentCipher(db, documentId)`. A handle without it reads and writes clear values (tests
 * of repositories, and rows written before encryption: clear values stay readable).
 */
export class FieldEncryption implements KyselyPlugin {
  private readonly keys = new Map<string, Buffer>();

  /** `encryptWrites: false` (PAGEWISE_ENCRYPTION=off) writes clear values; encrypted ones still read. */
  constructor(
    readonly keyring: MasterKeyring,
    readonly options: { encryptWrites?: boolean } = {},
  ) {}

  get encryptWrites(): boolean {
    return this.options.encryptWrites ?? true;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }

  cached(documentId: string): Buffer | undefined {
    return this.keys.get(documentId);
  }

  remember(documentId: string, key: Buffer): void {
    if (this.keys.size >= CACHE_LIMIT) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    this.keys.set(documentId, key);
  }

  forget(documentId: string): void {
    this.keys.delete(documentId);
  }
}

/** The field encryption attached to this handle (or its transaction), if any. */
export function fieldEncryptionOf(db: Db): FieldEncryption | undefined {
  return db.getExecutor().plugins.find((p): p is FieldEncryption => p instanceof FieldEncryption);
}

/** The document's data key was deleted with the document: its values are shredded. */
export class DocumentKeyGoneError extends DecryptionError {
  override name = "DocumentKeyGoneError";
}

/** Encrypts and decrypts one document's column values; the identity without encryption. */
export interface DocumentCipher {
  encrypt(column: string, value: string): string;
  decrypt(column: string, value: string): string;
}

const CLEAR: DocumentCipher = {
  encrypt: (_column, value) => value,
  decrypt: (column, value) => {
    if (value.startsWith(FIELD_PREFIX)) {
      throw new DecryptionError(`${column} is encrypted, and this process has no master key`);
    }
    return value;
  },
};

function cipherFor(documentId: string, key: Buffer | undefined, encrypt = true): DocumentCipher {
  const context = (column: string) => `field:${column}:${documentId}`;
  return {
    encrypt(column, value) {
      if (!encrypt) return value;
      if (!key) throw new DecryptionError(`Document ${documentId} has no data key`);
      return (
        FIELD_PREFIX + seal(key, Buffer.from(value, "utf8"), context(column)).toString("base64")
      );
    },
    decrypt(column, value) {
      if (!value.startsWith(FIELD_PREFIX)) return value;
      if (!key) {
        throw new DocumentKeyGoneError(
          `${column} of document ${documentId} cannot be read: its data key is gone`,
        );
      }
      const sealed = Buffer.from(value.slice(FIELD_PREFIX.length), "base64");
      return open(key, sealed, context(column), `${column} of ${documentId}`).toString("utf8");
    },
  };
}

function unwrapRow(
  fe: FieldEncryption,
  row: { document_id: string; key_id: string; wrapped_key: string },
) {
  const key = unwrapKey(
    fe.keyring,
    row.key_id,
    Buffer.from(row.wrapped_key, "base64"),
    `document:${row.document_id}`,
  );
  fe.remember(row.document_id, key);
  return key;
}

/**
 * Create a new document's data key (before its row: `insertDocument` encrypts imported labels
 * with it). Nothing without encryption.
 */
export async function createDocumentKey(db: Db, documentId: string): Promise<DocumentCipher> {
  const fe = fieldEncryptionOf(db);
  if (!fe) return CLEAR;
  if (!fe.encryptWrites) return cipherFor(documentId, undefined, false);
  const key = randomBytes(KEY_BYTES);
  const { keyId, wrapped } = wrapKey(fe.keyring, key, `document:${documentId}`);
  await db
    .insertInto("document_keys")
    .values({
      document_id: documentId,
      key_id: keyId,
      wrapped_key: wrapped.toString("base64"),
      created_at: nowIso(),
    })
    .execute();
  fe.remember(documentId, key);
  return cipherFor(documentId, key);
}

/**
 * The cipher of one document, to write (`create: true` makes a key for a document stored before
 * encryption) or to read.
 */
export async function documentCipher(
  db: Db,
  documentId: string,
  options: { create?: boolean } = {},
): Promise<DocumentCipher> {
  const fe = fieldEncryptionOf(db);
  if (!fe) return CLEAR;
  const cached = fe.cached(documentId);
  if (cached) return cipherFor(documentId, cached, fe.encryptWrites);
  const row = await db
    .selectFrom("document_keys")
    .selectAll()
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  if (row) return cipherFor(documentId, unwrapRow(fe, row), fe.encryptWrites);
  if (!options.create || !fe.encryptWrites) {
    return cipherFor(documentId, undefined, fe.encryptWrites);
  }
  const { keyId, wrapped } = wrapKey(fe.keyring, randomBytes(KEY_BYTES), `document:${documentId}`);
  // Only for a document that exists (a stage writing for a document deleted meanwhile must not
  // leave a key behind; its own insert then fails).
  await db
    .insertInto("document_keys")
    .columns(["document_id", "key_id", "wrapped_key", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("documents")
        .select([
          eb.val(documentId).as("document_id"),
          eb.val(keyId).as("key_id"),
          eb.val(wrapped.toString("base64")).as("wrapped_key"),
          eb.val(nowIso()).as("created_at"),
        ])
        .where("id", "=", documentId),
    )
    .onConflict((oc) => oc.column("document_id").doNothing())
    .execute();
  // A concurrent writer may have won the insert: its key is the document's key.
  const won = await db
    .selectFrom("document_keys")
    .selectAll()
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return cipherFor(documentId, won ? unwrapRow(fe, won) : undefined);
}

/** Ciphers of many documents at once (one query), to read lists. */
export async function documentCiphers(
  db: Db,
  documentIds: readonly string[],
): Promise<(documentId: string) => DocumentCipher> {
  const fe = fieldEncryptionOf(db);
  if (!fe) return () => CLEAR;
  const missing = [...new Set(documentIds)].filter((id) => !fe.cached(id));
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await db
      .selectFrom("document_keys")
      .selectAll()
      .where("document_id", "in", missing.slice(i, i + 500))
      .execute();
    for (const row of rows) unwrapRow(fe, row);
  }
  return (documentId) => cipherFor(documentId, fe.cached(documentId));
}

/** Shred a document's key (in the transaction that deletes the document). */
export async function deleteDocumentKey(db: Db, documentId: string): Promise<void> {
  fieldEncryptionOf(db)?.forget(documentId);
  await db.deleteFrom("document_keys").where("document_id", "=", documentId).execute();
}
