import { createHash } from "node:crypto";
import type {
  BlobStore,
  KeyedBlobStore,
  ListedBlob,
  PutStreamOptions,
  StoredBlob,
} from "../blob-store";
import {
  createStreamEncoding,
  DecryptionError,
  decryptBlob,
  encryptBlob,
  isSealedBlob,
  rewrapBlob,
} from "./envelope";
import type { MasterKeyring } from "./keyring";

/**
 * Encryption at rest for any blob store (a folder today, an object store later): every blob is
 * stored as an envelope (see `envelope.ts`) with its own data key, wrapped by the current
 * master key. Keys stay the sha256 of the plaintext, so deduplication and every reference keep
 * working, and the store below never sees a byte of clear data.
 *
 * A blob written before encryption was turned on (no envelope) is still served, after checking
 * that its bytes hash to its key.
 *
 * Streaming writes are encrypted chunk by chunk on their way to the store below (envelope
 * version 2): no clear byte reaches the disk, not even in a temp file.
 */
export class EncryptedBlobStore implements BlobStore {
  /** `encryptWrites: false` (PAGEWISE_ENCRYPTION=off) stores new blobs in clear. */
  constructor(
    private readonly inner: KeyedBlobStore,
    private readonly keyring: MasterKeyring,
    private readonly options: { encryptWrites?: boolean } = {},
  ) {}

  async put(bytes: Uint8Array): Promise<{ key: string; size: number }> {
    const key = createHash("sha256").update(bytes).digest("hex");
    if (!(await this.inner.has(key))) {
      const stored =
        this.options.encryptWrites === false ? bytes : encryptBlob(this.keyring, bytes, key);
      await this.inner.putAs(key, stored);
    }
    return { key, size: bytes.byteLength };
  }

  putStream(
    source: AsyncIterable<Uint8Array>,
    options: PutStreamOptions = {},
  ): Promise<StoredBlob> {
    if (this.options.encryptWrites === false) return this.inner.putStream(source, options);
    return this.inner.putStream(source, {
      ...options,
      encoding: createStreamEncoding(this.keyring),
    });
  }

  list(): AsyncIterable<ListedBlob> {
    return this.inner.list();
  }

  async get(key: string): Promise<Uint8Array<ArrayBuffer> | null> {
    const stored = await this.inner.get(key);
    if (!stored) return null;
    if (isSealedBlob(stored)) return new Uint8Array(decryptBlob(this.keyring, stored, key));
    if (createHash("sha256").update(stored).digest("hex") !== key) {
      throw new DecryptionError(`Blob ${key} is neither encrypted nor its own content`);
    }
    return stored;
  }

  has(key: string): Promise<boolean> {
    return this.inner.has(key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  /**
   * Re-wrap one blob's data key with the current master key (the ciphertext is kept); a blob
   * stored in clear is encrypted. Returns what was done.
   */
  async rewrap(key: string): Promise<"rewrapped" | "encrypted" | "current" | "missing"> {
    const stored = await this.inner.get(key);
    if (!stored) return "missing";
    if (!isSealedBlob(stored)) {
      const clear = await this.get(key);
      if (!clear) return "missing";
      await this.inner.putAs(key, encryptBlob(this.keyring, clear, key), { replace: true });
      return "encrypted";
    }
    const rewrapped = rewrapBlob(this.keyring, stored, key);
    if (!rewrapped) return "current";
    await this.inner.putAs(key, rewrapped, { replace: true });
    return "rewrapped";
  }
}
