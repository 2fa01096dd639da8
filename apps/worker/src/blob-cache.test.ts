import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalBlobStore } from "@pagewise/storage";
import { afterEach, describe, expect, it } from "vitest";
import { BlobCache } from "./blob-cache";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A real blob store in a fresh folder, holding files of the given sizes (byte i + 1 each). */
async function storeWith(...sizes: number[]) {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-blob-cache-"));
  dirs.push(dir);
  const store = new LocalBlobStore(dir);
  const keys: string[] = [];
  for (const [i, size] of sizes.entries()) {
    keys.push((await store.put(new Uint8Array(size).fill(i + 1))).key);
  }
  return { store, keys };
}

describe("BlobCache", () => {
  it("keeps a file once and gives the same array to every job of it", async () => {
    const { store, keys } = await storeWith(1000);
    const cache = new BlobCache(store);
    // Two jobs of one document missing at once keep one copy, not two.
    const [a, b] = await Promise.all([cache.get(keys[0]!), cache.get(keys[0]!)]);
    expect(a).toBe(b);
    expect(Buffer.from(a!).equals(Buffer.alloc(1000, 1))).toBe(true);
    expect(await cache.get(keys[0]!)).toBe(a);
    expect(cache.size()).toEqual({ entries: 1, bytes: 1000 });
    expect(await cache.get("0".repeat(64))).toBeNull();
  });

  it("keeps at most its byte limit, least recently used out first, and never a file above it", async () => {
    const { store, keys } = await storeWith(400, 400, 400, 2000);
    const cache = new BlobCache(store, 1000);
    const first = await cache.get(keys[0]!);
    await cache.get(keys[1]!);
    expect(await cache.get(keys[0]!)).toBe(first);
    await cache.get(keys[2]!);
    // keys[1] was the least recently used: it went.
    expect(cache.size()).toEqual({ entries: 2, bytes: 800 });
    expect(await cache.get(keys[0]!)).toBe(first);
    const big = await cache.get(keys[3]!);
    expect(big?.byteLength).toBe(2000);
    expect(cache.size()).toEqual({ entries: 2, bytes: 800 });
  });
});
