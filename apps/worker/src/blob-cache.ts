import type { BlobStore } from "@pagewise/storage";

/**
 * A small LRU of original files by blob key. Every page of a document is a separate job; keeping
 * the bytes (the same Uint8Array) lets the reader reuse its shared copy and its opened PDF.
 * Small on purpose: what it holds is held twice (the reader's shared copy lives as long as the
 * array), and a text PDF is read once. At 256 MB it was a third of the worker's memory after a
 * few thousand small documents, none of which would be read again; 64 MB still holds a 50 MB
 * scan while its pages are read.
 */
export class BlobCache {
  private readonly entries = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(
    private readonly store: BlobStore,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** How many files and bytes it holds now. */
  size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  async get(key: string): Promise<Uint8Array | null> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const bytes = await this.store.get(key);
    if (!bytes) return null;
    if (bytes.byteLength > this.maxBytes) return bytes;
    // Two jobs of one document may have missed together: the first one's array is the one kept
    // (and counted once; counting both made the cache think itself fuller than it was, for good).
    const cached = this.entries.get(key);
    if (cached) return cached;
    this.entries.set(key, bytes);
    this.bytes += bytes.byteLength;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= old.byteLength;
    }
    return bytes;
  }
}
