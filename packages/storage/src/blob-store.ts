/**
 * Where bytes live: uploaded originals, rendered page images, model artifacts. Keys are the
 * sha256 of the content, so the same bytes are stored once and a key never changes meaning.
 * The local folder implementation is the default; a shared or object store implements the same.
 */
export interface BlobStore {
  /** Store bytes; returns their key (sha256, hex). Idempotent. */
  put(bytes: Uint8Array): Promise<{ key: string; size: number }>;
  /**
   * Store a stream of bytes without holding it in memory, hashing it on the way; returns its key
   * and size like `put`. Nothing is kept when it fails: past `maxBytes` (`file_too_large`), on a
   * full disk (`insufficient_storage`), when the source fails, or when `beforeCommit` throws.
   */
  putStream(source: AsyncIterable<Uint8Array>, options?: PutStreamOptions): Promise<StoredBlob>;
  /** The bytes, or `null` when no blob has this key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /**
   * Every stored blob with the time it was last written (`put` of bytes already stored counts as
   * a write), in no particular order: what the orphan sweep walks.
   */
  list(): AsyncIterable<ListedBlob>;
}

/** A blob just stored: its key (sha256 of the content) and size. */
export interface StoredBlob {
  key: string;
  size: number;
}

/** A blob as `list` finds it. */
export interface ListedBlob {
  key: string;
  /** Bytes as stored. */
  size: number;
  modifiedAt: Date;
}

export interface PutStreamOptions {
  /** More bytes than this fail with `file_too_large`, as soon as they arrive. */
  maxBytes?: number;
  /**
   * Called once every byte is written and the key is known, before the blob becomes visible
   * under its key; it may wait (for the rest of a request) and write the row that points at the
   * key. If it throws, nothing is stored and `putStream` throws that error. Because the blob is
   * made visible after it returns, the row's bytes are there even if a concurrent `releaseBlob`
   * removed an older copy in between (see blob-references.ts).
   */
  beforeCommit?: (blob: StoredBlob) => Promise<void>;
}

/**
 * A store that keeps bytes under a key its caller chose: what a decorator that transforms the
 * bytes (`EncryptedBlobStore`) writes to, so that keys stay the sha256 of the plaintext.
 */
export interface KeyedBlobStore {
  /** Store bytes under `key` atomically; an existing blob is kept unless `replace`. */
  putAs(key: string, bytes: Uint8Array, options?: { replace?: boolean }): Promise<void>;
  /**
   * `BlobStore.putStream`, with the stored bytes changed on the way by `encoding`: the key is
   * still the sha256 of the bytes read from `source`, and `size` their count.
   */
  putStream(
    source: AsyncIterable<Uint8Array>,
    options?: PutStreamOptions & { encoding?: StreamEncoding },
  ): Promise<StoredBlob>;
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(): AsyncIterable<ListedBlob>;
}

/**
 * How a decorator changes a stream's bytes on their way to the store (encryption): a header of
 * a fixed size that can only be written once the key is known (it is reserved first and filled
 * in at the end), each chunk encoded as it passes, and a trailer.
 */
export interface StreamEncoding {
  headerBytes: number;
  encode(chunk: Uint8Array): Uint8Array;
  /** Once, after the last chunk, with the plaintext's key. `header` is `headerBytes` long. */
  finish(key: string): { header: Uint8Array; trailer: Uint8Array };
}

export const BLOB_KEY_PATTERN = /^[0-9a-f]{64}$/;
