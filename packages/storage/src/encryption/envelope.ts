import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { StreamEncoding } from "../blob-store";
import { KEY_BYTES, type MasterKeyring } from "./keyring";

/**
 * The envelope: every object is encrypted (AES-256-GCM) with its own random data key (DEK); the
 * DEK is stored next to the object, wrapped (AES-256-GCM too) by a master key whose id is stored
 * with it. Rotating the master key re-wraps DEKs and never re-encrypts data.
 *
 * Blob layout (all lengths fixed, so the header can be read and re-wrapped alone):
 *
 * ```
 * magic "PWEB" | version 1 | key id length 16 | key id (16 ascii hex) |
 * wrap IV (12) | wrapped DEK (32) | wrap tag (16) | data IV (12) | ciphertext … | data tag (16)
 * ```
 *
 * The data tag trails the ciphertext (GCM gives it only at the end), so an object can be
 * encrypted as a stream. Version 1 (a whole object): both GCM operations authenticate a context
 * string (`blob:<sha256>`): a blob cannot be swapped for another one, a DEK cannot be moved to
 * another object. Version 2 (written as a stream, whose sha256 is known only at its end): the
 * data is authenticated under a fixed context, and the DEK — wrapped last, when the key is
 * known, into the header's reserved place — under `blob:<sha256>`, so a blob moved under
 * another key still fails to open.
 */
export const BLOB_MAGIC = Buffer.from("PWEB", "ascii");
export const BLOB_VERSION = 1;
export const STREAM_BLOB_VERSION = 2;
const STREAM_DATA_CONTEXT = "blob-stream";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_BYTES = 16;
/** Wrapped DEK: IV | encrypted key | tag. */
export const WRAPPED_KEY_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES;
export const BLOB_HEADER_BYTES =
  BLOB_MAGIC.length + 2 + KEY_ID_BYTES + WRAPPED_KEY_BYTES + IV_BYTES;

/** Data that fails to decrypt: a wrong key, a tampered or truncated object. Never retried. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
  readonly code = "decryption_failed";
}

/** The master key that wrapped a DEK is not in this process's keyring. */
export class MissingMasterKeyError extends DecryptionError {
  override name = "MissingMasterKeyError";
  override readonly code = "decryption_failed";
  constructor(readonly keyId: string) {
    super(`Master key ${keyId} is not in the keyring (PAGEWISE_MASTER_KEY or the key file)`);
  }
}

function aad(context: string): Buffer {
  return Buffer.from(`pagewise:${context}`, "utf8");
}

/** Wrap a data key with the current master key: `{ keyId, wrapped: IV | ciphertext | tag }`. */
export function wrapKey(
  keyring: MasterKeyring,
  dek: Uint8Array,
  context: string,
): { keyId: string; wrapped: Buffer } {
  return { keyId: keyring.currentId, wrapped: seal(keyring.current, dek, `dek:${context}`) };
}

export function unwrapKey(
  keyring: MasterKeyring,
  keyId: string,
  wrapped: Uint8Array,
  context: string,
): Buffer {
  const master = keyring.key(keyId);
  if (!master) throw new MissingMasterKeyError(keyId);
  const dek = open(master, wrapped, `dek:${context}`, `the data key of ${context}`);
  if (dek.byteLength !== KEY_BYTES) throw new DecryptionError(`Bad data key for ${context}`);
  return dek;
}

/** AES-256-GCM in one piece: IV | ciphertext | tag. */
export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function open(key: Uint8Array, sealed: Uint8Array, context: string, what: string): Buffer {
  if (sealed.byteLength < IV_BYTES + TAG_BYTES) {
    throw new DecryptionError(`Cannot decrypt ${what}: it is truncated`);
  }
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, IV_BYTES));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError(
      `Cannot decrypt ${what}: authentication failed (wrong key, or the data was altered)`,
    );
  }
}

/** True when the bytes start like an encrypted blob. */
export function isSealedBlob(bytes: Uint8Array): boolean {
  return (
    bytes.byteLength >= BLOB_HEADER_BYTES + TAG_BYTES &&
    Buffer.from(bytes.buffer, bytes.byteOffset, BLOB_MAGIC.length).equals(BLOB_MAGIC)
  );
}

export interface BlobHeader {
  /** `BLOB_VERSION` (default) or `STREAM_BLOB_VERSION`. */
  version?: number;
  keyId: string;
  wrappedKey: Buffer;
  iv: Buffer;
}

/** A blob header for a fresh DEK; `encryptBlob` and a streaming writer share it. */
export function createBlobHeader(
  keyring: MasterKeyring,
  context: string,
): { header: Buffer; dek: Buffer; iv: Buffer } {
  const dek = randomBytes(KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const { keyId, wrapped } = wrapKey(keyring, dek, context);
  return { header: encodeBlobHeader({ keyId, wrappedKey: wrapped, iv }), dek, iv };
}

export function encodeBlobHeader(header: BlobHeader): Buffer {
  return Buffer.concat([
    BLOB_MAGIC,
    Buffer.from([header.version ?? BLOB_VERSION, KEY_ID_BYTES]),
    Buffer.from(header.keyId, "ascii"),
    header.wrappedKey,
    header.iv,
  ]);
}

export function decodeBlobHeader(bytes: Uint8Array, context: string): BlobHeader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isSealedBlob(buf)) throw new DecryptionError(`Blob ${context} is not encrypted`);
  const version = buf[4];
  if ((version !== BLOB_VERSION && version !== STREAM_BLOB_VERSION) || buf[5] !== KEY_ID_BYTES) {
    throw new DecryptionError(`Blob ${context} has an unknown envelope version ${version}`);
  }
  let at = 6;
  const keyId = buf.subarray(at, at + KEY_ID_BYTES).toString("ascii");
  at += KEY_ID_BYTES;
  const wrappedKey = buf.subarray(at, at + WRAPPED_KEY_BYTES);
  at += WRAPPED_KEY_BYTES;
  return { version, keyId, wrappedKey, iv: buf.subarray(at, at + IV_BYTES) };
}

/** A GCM cipher for a blob's body (streams write `header`, then its output, then its tag). */
export function createBlobCipher(dek: Uint8Array, iv: Uint8Array, context: string) {
  const cipher = createCipheriv("aes-256-gcm", dek, iv);
  cipher.setAAD(aad(`blob:${context}`));
  return cipher;
}

/** Encrypt a whole blob: header | ciphertext | tag. `context` is the blob's key. */
export function encryptBlob(
  keyring: MasterKeyring,
  plaintext: Uint8Array,
  context: string,
): Buffer {
  const { header, dek, iv } = createBlobHeader(keyring, `blob:${context}`);
  const cipher = createBlobCipher(dek, iv, context);
  const body = cipher.update(plaintext);
  const tail = cipher.final();
  return Buffer.concat([header, body, tail, cipher.getAuthTag()]);
}

export function decryptBlob(keyring: MasterKeyring, sealed: Uint8Array, context: string): Buffer {
  const header = decodeBlobHeader(sealed, context);
  const dek = unwrapKey(keyring, header.keyId, header.wrappedKey, `blob:${context}`);
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv("aes-256-gcm", dek, header.iv);
  decipher.setAAD(
    aad(header.version === STREAM_BLOB_VERSION ? STREAM_DATA_CONTEXT : `blob:${context}`),
  );
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(buf.subarray(BLOB_HEADER_BYTES, buf.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError(
      `Cannot decrypt blob ${context}: authentication failed (the blob was altered or truncated)`,
    );
  }
}

/**
 * The same blob with its DEK wrapped by the current master key; the ciphertext is unchanged.
 * `null` when it already is.
 */
export function rewrapBlob(
  keyring: MasterKeyring,
  sealed: Uint8Array,
  context: string,
): Buffer | null {
  const header = decodeBlobHeader(sealed, context);
  if (header.keyId === keyring.currentId) return null;
  const dek = unwrapKey(keyring, header.keyId, header.wrappedKey, `blob:${context}`);
  const { keyId, wrapped } = wrapKey(keyring, dek, `blob:${context}`);
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  return Buffer.concat([
    encodeBlobHeader({ version: header.version, keyId, wrappedKey: wrapped, iv: header.iv }),
    buf.subarray(BLOB_HEADER_BYTES),
  ]);
}

/**
 * Encrypt a blob as it streams (version 2): a fresh DEK encrypts each chunk as it passes; once
 * the plaintext's key is known, the DEK is wrapped for that key into the header, and the tag
 * follows the ciphertext.
 */
export function createStreamEncoding(keyring: MasterKeyring): StreamEncoding {
  const dek = randomBytes(KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dek, iv);
  cipher.setAAD(aad(STREAM_DATA_CONTEXT));
  return {
    headerBytes: BLOB_HEADER_BYTES,
    encode: (chunk) => cipher.update(chunk),
    finish(key) {
      const tail = cipher.final();
      const { keyId, wrapped } = wrapKey(keyring, dek, `blob:${key}`);
      return {
        header: encodeBlobHeader({ version: STREAM_BLOB_VERSION, keyId, wrappedKey: wrapped, iv }),
        trailer: Buffer.concat([tail, cipher.getAuthTag()]),
      };
    },
  };
}
