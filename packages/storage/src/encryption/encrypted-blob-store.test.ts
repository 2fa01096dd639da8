import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalBlobStore } from "../local-blob-store";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import { BLOB_HEADER_BYTES, DecryptionError, MissingMasterKeyError } from "./envelope";
import { generateMasterKey, MasterKeyring, masterKeyId } from "./keyring";

const SECRET = "%PDF-1.7 Zanzibarite invoice total 42.00";

function setup(keyring = new MasterKeyring([generateMasterKey()])) {
  const root = mkdtempSync(join(tmpdir(), "pagewise-enc-blobs-"));
  const local = new LocalBlobStore(root);
  return { root, local, keyring, store: new EncryptedBlobStore(local, keyring) };
}

function fileOf(root: string, key: string): string {
  return join(root, key.slice(0, 2), key.slice(2, 4), key);
}

describe("EncryptedBlobStore", () => {
  const bytes = new TextEncoder().encode(SECRET);
  const key = createHash("sha256").update(bytes).digest("hex");

  it("keys a blob by the sha256 of its plaintext and stores no clear byte of it", async () => {
    const { root, store, keyring } = setup();
    expect(await store.put(bytes)).toEqual({ key, size: bytes.byteLength });
    const onDisk = readFileSync(fileOf(root, key));
    expect(onDisk.includes("Zanzibarite")).toBe(false);
    expect(onDisk.includes("%PDF")).toBe(false);
    // magic, version, key id in the header; header + ciphertext + tag.
    expect(onDisk.subarray(0, 4).toString()).toBe("PWEB");
    expect(onDisk.subarray(6, 22).toString()).toBe(keyring.currentId);
    expect(onDisk.byteLength).toBe(BLOB_HEADER_BYTES + bytes.byteLength + 16);
    expect(Buffer.from((await store.get(key))!).toString()).toBe(SECRET);
    expect(await store.has(key)).toBe(true);
  });

  it("stores the same content once (the first writer's envelope is kept)", async () => {
    const { root, store } = setup();
    await store.put(bytes);
    const first = readFileSync(fileOf(root, key));
    await Promise.all([store.put(bytes), store.put(bytes)]);
    expect(readFileSync(fileOf(root, key))).toEqual(first);
  });

  it("refuses a tampered blob with a clear error (GCM tag)", async () => {
    const { root, store } = setup();
    await store.put(bytes);
    const file = fileOf(root, key);
    const altered = readFileSync(file);
    altered.writeUInt8(altered.readUInt8(BLOB_HEADER_BYTES + 3) ^ 0x01, BLOB_HEADER_BYTES + 3);
    writeFileSync(file, altered);
    await expect(store.get(key)).rejects.toThrow(DecryptionError);
    await expect(store.get(key)).rejects.toThrow(/authentication failed/);
  });

  it("refuses a blob moved under another key", async () => {
    const { root, store } = setup();
    const other = new TextEncoder().encode("another document");
    const { key: otherKey } = await store.put(other);
    await store.put(bytes);
    writeFileSync(fileOf(root, otherKey), readFileSync(fileOf(root, key)));
    await expect(store.get(otherKey)).rejects.toThrow(DecryptionError);
  });

  it("cannot read a blob without its master key, and says which key is missing", async () => {
    const { root, store, keyring } = setup();
    await store.put(bytes);
    const stranger = new EncryptedBlobStore(
      new LocalBlobStore(root),
      new MasterKeyring([generateMasterKey()]),
    );
    await expect(stranger.get(key)).rejects.toThrow(MissingMasterKeyError);
    await expect(stranger.get(key)).rejects.toThrow(keyring.currentId);
  });

  it("serves blobs stored in clear before encryption, only when they hash to their key", async () => {
    const { root, local, store } = setup();
    await local.put(bytes);
    expect(Buffer.from((await store.get(key))!).toString()).toBe(SECRET);
    writeFileSync(fileOf(root, key), "something else");
    await expect(store.get(key)).rejects.toThrow(/neither encrypted/);
  });

  it("re-wraps a blob's data key under a new current key without re-encrypting the data", async () => {
    const oldKey = generateMasterKey();
    const { root, local, store } = setup(new MasterKeyring([oldKey]));
    await store.put(bytes);
    const before = readFileSync(fileOf(root, key));
    const newKey = generateMasterKey();
    const both = new EncryptedBlobStore(local, new MasterKeyring([newKey, oldKey]));
    expect(await both.rewrap(key)).toBe("rewrapped");
    expect(await both.rewrap(key)).toBe("current");
    const after = readFileSync(fileOf(root, key));
    expect(after.subarray(6, 22).toString()).toBe(masterKeyId(newKey));
    // Same data IV, ciphertext and tag; only the wrapped data key changed.
    expect(after.subarray(BLOB_HEADER_BYTES - 12)).toEqual(before.subarray(BLOB_HEADER_BYTES - 12));
    const onlyNew = new EncryptedBlobStore(local, new MasterKeyring([newKey]));
    expect(Buffer.from((await onlyNew.get(key))!).toString()).toBe(SECRET);
  });

  it("encrypts a clear blob when re-wrapping", async () => {
    const { root, local, store } = setup();
    await local.put(bytes);
    expect(await store.rewrap(key)).toBe("encrypted");
    expect(readFileSync(fileOf(root, key)).includes("Zanzibarite")).toBe(false);
    expect(Buffer.from((await store.get(key))!).toString()).toBe(SECRET);
    expect(await store.rewrap("0".repeat(64))).toBe("missing");
  });

  it("lists the keys of the folder below it", async () => {
    const { local, store } = setup();
    const a = await store.put(bytes);
    const b = await store.put(new TextEncoder().encode("b"));
    const keys: string[] = [];
    for await (const k of local.listKeys()) keys.push(k);
    expect(keys.sort()).toEqual([a.key, b.key].sort());
  });
});
