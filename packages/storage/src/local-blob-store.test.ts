import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBlobStore } from "./local-blob-store";

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
});
