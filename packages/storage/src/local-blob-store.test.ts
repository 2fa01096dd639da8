import { mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBlobStore } from "./local-blob-store";

// What every blob store does is tested on both stores in blob-store.contract.test.ts; these are
// the folder's own ways.
describe("LocalBlobStore", () => {
  async function* chunks(count: number, size: number) {
    for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(i % 251);
  }

  it("stores small streams without a temp file and leaves no temp file behind", async () => {
    const root = mkdtempSync(join(tmpdir(), "pagewise-blobs-"));
    const store = new LocalBlobStore(root);
    let atCommit: string[] | undefined;
    const small = await store.putStream(chunks(1, 10), {
      beforeCommit: async () => {
        atCommit = readdirSync(root);
      },
    });
    expect(small.size).toBe(10);
    expect(await store.has(small.key)).toBe(true);
    // Held in memory until the commit: not even the temp folder was needed yet.
    expect(atCommit).toEqual([]);
    await Promise.all(Array.from({ length: 4 }, () => store.put(new Uint8Array(500_000))));
    await store.putStream(chunks(8, 64 * 1024));
    expect(readdirSync(join(root, "tmp"))).toEqual([]);
  });

  it("renews a blob's write time when the same bytes are stored again", async () => {
    const root = mkdtempSync(join(tmpdir(), "pagewise-blobs-"));
    const store = new LocalBlobStore(root);
    const first = await store.put(new TextEncoder().encode("first"));
    const path = join(root, first.key.slice(0, 2), first.key.slice(2, 4), first.key);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(path, hourAgo, hourAgo);
    await store.put(new TextEncoder().encode("first"));
    const blobs = [];
    for await (const blob of store.list()) blobs.push(blob);
    expect(blobs[0]!.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("writes on after its folders were removed behind its back", async () => {
    const root = mkdtempSync(join(tmpdir(), "pagewise-blobs-"));
    const store = new LocalBlobStore(root);
    const bytes = (n: number) => new Uint8Array(1000).fill(n);
    // It remembers the folders it made; an operator (or a restore) removes them meanwhile.
    await store.put(bytes(1));
    await store.putStream(chunks(8, 64 * 1024));
    for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true });
    const small = await store.put(bytes(1));
    const large = await store.putStream(chunks(8, 64 * 1024));
    expect(await store.has(small.key)).toBe(true);
    expect(await store.has(large.key)).toBe(true);
    expect(await store.get(small.key)).toEqual(bytes(1));
  });
});
