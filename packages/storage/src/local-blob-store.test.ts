import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBlobStore, TEMP_FILE_MAX_AGE_MS } from "./local-blob-store";

describe("LocalBlobStore", () => {
  const root = mkdtempSync(join(tmpdir(), "pagewise-blobs-"));
  const store = new LocalBlobStore(root);
  const bytes = new TextEncoder().encode("%PDF-1.7 hello");
  const key = createHash("sha256").update(bytes).digest("hex");

  it("stores bytes under their sha256 and reads them back", async () => {
    expect(await store.put(bytes)).toEqual({ key, size: bytes.byteLength });
    expect(Buffer.from((await store.get(key))!).toString()).toBe("%PDF-1.7 hello");
    expect(await store.has(key)).toBe(true);
  });

  it("writes the same content concurrently without error or leftovers", async () => {
    const big = new Uint8Array(2_000_000).fill(7);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(big)));
    expect(new Set(results.map((r) => r.key)).size).toBe(1);
    expect(readdirSync(join(root, "tmp"))).toEqual([]);
  });

  it("answers null for a missing blob and refuses keys that are not sha256", async () => {
    expect(await store.get("0".repeat(64))).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/Invalid blob key/);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
  });

  async function* chunks(count: number, size: number, fail?: Error) {
    for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(i % 251);
    if (fail) throw fail;
  }

  it("stores a stream under the sha256 of its bytes, small ones without a temp file", async () => {
    const whole = Buffer.concat([
      ...Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i % 251)),
    ]);
    const big = await store.putStream(chunks(40, 64 * 1024));
    expect(big).toEqual({
      key: createHash("sha256").update(whole).digest("hex"),
      size: whole.length,
    });
    expect(Buffer.from((await store.get(big.key))!).equals(whole)).toBe(true);
    const small = await store.putStream(chunks(1, 10));
    expect(small.size).toBe(10);
    expect(await store.has(small.key)).toBe(true);
    expect(readdirSync(join(root, "tmp"))).toEqual([]);
  });

  it("keeps nothing of a stream that is too large, that fails, or whose commit is refused", async () => {
    const before = readdirSync(root, { recursive: true }).sort();
    await expect(
      store.putStream(chunks(40, 64 * 1024), { maxBytes: 1_000_000 }),
    ).rejects.toMatchObject({ code: "file_too_large" });
    await expect(store.putStream(chunks(10, 64 * 1024, new Error("client gone")))).rejects.toThrow(
      "client gone",
    );
    let seen: { key: string; size: number } | undefined;
    await expect(
      store.putStream(chunks(10, 64 * 1024), {
        beforeCommit: async (blob) => {
          seen = blob;
          throw new Error("refused");
        },
      }),
    ).rejects.toThrow("refused");
    expect(seen?.size).toBe(10 * 64 * 1024);
    expect(await store.has(seen!.key)).toBe(false);
    expect(readdirSync(root, { recursive: true }).sort()).toEqual(before);
  });

  it("makes a stream visible only after its commit hook returns", async () => {
    let present: boolean | undefined;
    const blob = await store.putStream(chunks(8, 64 * 1024), {
      beforeCommit: async (b) => {
        present = await store.has(b.key);
      },
    });
    expect(present).toBe(false);
    expect(await store.has(blob.key)).toBe(true);
  });

  it("removes temp files of interrupted writes at start, but not one being written now", async () => {
    const tmp = join(root, "tmp");
    writeFileSync(join(tmp, "left-by-a-crash"), "partial");
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(tmp, "left-by-a-crash"), hourAgo, hourAgo);
    writeFileSync(join(tmp, "being-written"), "partial");
    expect(await store.cleanTemp(TEMP_FILE_MAX_AGE_MS)).toBe(1);
    expect(readdirSync(tmp)).toEqual(["being-written"]);
  });

  it("lists every blob with its size and write time; storing known bytes again renews the time", async () => {
    const listRoot = mkdtempSync(join(tmpdir(), "pagewise-blobs-list-"));
    const listed = new LocalBlobStore(listRoot);
    const a = await listed.put(new TextEncoder().encode("first"));
    const b = await listed.put(new TextEncoder().encode("second!"));
    // Not blobs: a temp file and a stray file.
    writeFileSync(join(listRoot, "tmp", "partial"), "x");
    writeFileSync(join(listRoot, a.key.slice(0, 2), "stray"), "x");
    const all = async () => {
      const out = [];
      for await (const blob of listed.list()) out.push(blob);
      return out.sort((x, y) => x.key.localeCompare(y.key));
    };
    expect((await all()).map((x) => [x.key, x.size])).toEqual(
      [
        [a.key, 5],
        [b.key, 7],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(listRoot, a.key.slice(0, 2), a.key.slice(2, 4), a.key), hourAgo, hourAgo);
    expect((await all()).find((x) => x.key === a.key)!.modifiedAt.getTime()).toBeLessThan(
      Date.now() - 3_000_000,
    );
    await listed.put(new TextEncoder().encode("first"));
    expect((await all()).find((x) => x.key === a.key)!.modifiedAt.getTime()).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });
});
