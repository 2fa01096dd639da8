/**
 * Where bytes live: uploaded originals, rendered page images, model artifacts. Keys are the
 * sha256 of the content, so the same bytes are stored once and a key never changes meaning.
 * The local folder implementation is the default; a shared or object store implements the same.
 */
export interface BlobStore {
  /** Store bytes; returns their key (sha256, hex). Idempotent. */
  put(bytes: Uint8Array): Promise<{ key: string; size: number }>;
  /** The bytes, or `null` when no blob has this key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export const BLOB_KEY_PATTERN = /^[0-9a-f]{64}$/;
