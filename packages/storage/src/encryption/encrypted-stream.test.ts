import { createHash, randomBytes } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBlobStore } from "../local-blob-store";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import { DecryptionError, STREAM_BLOB_VERSION } from "./envelope";
import { generateMasterKey, MasterKeyring } from "./keyring";

const MARK = "%PDF-1.7 Quetzalcoatlite";

function setup() {
  const root = mkdtempSync(join(tmpdir(), "pagewise-enc-stream-"));
  const local = new LocalBlobStore(root);
  const master = generateMasterKey();
  const keyring = new MasterKeyring([master]);
  return { root, local, master, store: new EncryptedBlobStore(local, keyring) };
}

const fileOf = (root: string, key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);

/** `bytes` in chunks of `size`, as a request body arrives. */
async function* chunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

/** Every file under the folder, temp files included. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe("EncryptedBlobStore.putStream", () => {
  // Small streams are held in memory, large ones go through a temp file: both paths.
  for (const [name, length] of [
    ["a small stream", 10_000],
    ["a large stream (through a temp file)", 1_500_000],
  ] as const) {
    it(`encrypts ${name} chunk by chunk, keyed by the plaintext's sha256`, async () => {
      const { root, store } = setup();
      const bytes = Buffer.concat([Buffer.from(MARK), randomBytes(length)]);
      const key = createHash("sha256").update(bytes).digest("hex");
      let seenBeforeCommit: { key: string; size: number } | undefined;
      const stored = await store.putStream(chunks(bytes, 64 * 1024), {
        beforeCommit: async (blob) => {
          seenBeforeCommit = blob;
          // Not visible under its key before the row that points at it is written.
          expect(await store.has(blob.key)).toBe(false);
        },
      });
      expect(stored).toEqual({ key, size: bytes.byteLength });
      expect(seenBeforeCommit).toEqual(stored);
      const onDisk = readFileSync(fileOf(root, key));
      expect(onDisk.subarray(0, 4).toString()).toBe("PWEB");
      expect(onDisk[4]).toBe(STREAM_BLOB_VERSION);
      for (const file of allFiles(root)) {
        expect(readFileSync(file).includes("Quetzalcoatlite")).toBe(false);
      }
      expect(Buffer.from((await store.get(key))!).equals(bytes)).toBe(true);
    });
  }

  it("refuses a streamed blob moved under another key, and one altered by a bit", async () => {
    const { root, store } = setup();
    const a = await store.putStream(chunks(Buffer.from(`${MARK} a`), 4));
    const b = await store.putStream(
      chunks(Buffer.concat([Buffer.from(MARK), randomBytes(400_000)]), 65_536),
    );
    // b's bytes under a's key: the data key was wrapped for b's key.
    mkdirSync(join(fileOf(root, a.key), ".."), { recursive: true });
    renameSync(fileOf(root, b.key), fileOf(root, a.key));
    await expect(store.get(a.key)).rejects.toBeInstanceOf(DecryptionError);

    const c = await store.putStream(chunks(Buffer.from(`${MARK} c`), 3));
    const path = fileOf(root, c.key);
    const altered = readFileSync(path);
    altered[altered.length - 20]! ^= 1;
    writeFileSync(path, altered);
    await expect(store.get(c.key)).rejects.toBeInstanceOf(DecryptionError);
  });

  it("keeps nothing when the stream is too large, and re-wraps a streamed blob on rotation", async () => {
    const { root, store, master, local } = setup();
    await expect(
      store.putStream(chunks(randomBytes(600_000), 65_536), { maxBytes: 500_000 }),
    ).rejects.toMatchObject({ code: "file_too_large" });
    expect(allFiles(root)).toEqual([]);

    const bytes = Buffer.from(`${MARK} rotated`);
    const { key } = await store.putStream(chunks(bytes, 5));
    const newer = generateMasterKey();
    const rotated = new EncryptedBlobStore(local, new MasterKeyring([newer, master]));
    expect(await rotated.rewrap(key)).toBe("rewrapped");
    const onlyNew = new EncryptedBlobStore(local, new MasterKeyring([newer]));
    expect(Buffer.from((await onlyNew.get(key))!).equals(bytes)).toBe(true);
  });
});
