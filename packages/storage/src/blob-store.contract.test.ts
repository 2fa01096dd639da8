import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EncryptedBlobStore } from "./encryption/encrypted-blob-store";
import { generateMasterKey, MasterKeyring } from "./encryption/keyring";
import { LocalBlobStore, TEMP_FILE_MAX_AGE_MS } from "./local-blob-store";
import { S3BlobStore } from "./s3-blob-store";
import { startTestS3Server, type TestS3Server } from "./testing-s3";

/**
 * The blob-store contract, run on both stores: what EncryptedBlobStore, the upload path and the
 * orphan sweep rely on. Each store is a real one (a folder; an s3rver bucket through the AWS SDK).
 */
interface Subject {
  store: LocalBlobStore | S3BlobStore;
  /** Everything the store keeps anywhere right now: blobs and temp files or objects. */
  leftovers(): Promise<string[]>;
  /** Bytes the store has written out so far (temp file or uploaded parts). */
  written(): number;
  /** Put something that is not a blob beside the blobs: a temp of a crash (`age` ago), a stray. */
  addTemp(name: string, ageMs: number): Promise<void>;
  addStray(): Promise<void>;
  /** Make the blob look last written at `when`. */
  backdate(key: string, when: Date): void;
}

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startTestS3Server();
});
afterAll(async () => {
  await s3?.close();
});

function localSubject(): Subject {
  const root = mkdtempSync(join(tmpdir(), "pagewise-blob-contract-"));
  const files = () => readdirSync(root, { recursive: true }).map(String).sort();
  const pathOf = (key: string) => join(root, key.slice(0, 2), key.slice(2, 4), key);
  return {
    store: new LocalBlobStore(root),
    leftovers: async () => files().filter((f) => statSync(join(root, f)).isFile()),
    written: () =>
      readdirSync(join(root, "tmp"), { withFileTypes: true })
        .filter((e) => e.isFile())
        .reduce((sum, e) => sum + statSync(join(root, "tmp", e.name)).size, 0),
    addTemp: async (name, ageMs) => {
      writeFileSync(join(root, "tmp", name), "partial");
      const when = new Date(Date.now() - ageMs);
      utimesSync(join(root, "tmp", name), when, when);
    },
    addStray: async () => writeFileSync(join(root, "stray-file"), "x"),
    backdate: (key, when) => utimesSync(pathOf(key), when, when),
  };
}

function s3Subject(): Subject {
  const prefix = `contract-${randomBytes(4).toString("hex")}/`;
  // The real SDK, with a middleware that counts the bytes of each part as it is sent.
  const client = s3.newClient();
  let sent = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const body = (args.input as { Body?: Uint8Array }).Body;
      if (context.commandName === "UploadPartCommand" && body) sent += body.byteLength;
      return next(args);
    },
    { step: "initialize", name: "countUploadedParts" },
  );
  const put = (key: string, body: string) =>
    s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
  return {
    store: new S3BlobStore(client, s3.bucket, prefix),
    leftovers: () => s3.objectKeys(prefix),
    written: () => sent,
    addTemp: async (name, ageMs) => {
      await put(`${prefix}tmp/${name}`, "partial");
      s3.backdate(`${prefix}tmp/${name}`, new Date(Date.now() - ageMs));
    },
    addStray: async () => {
      await put(`${prefix}stray-file`, "x");
      await put(`${prefix}elsewhere/${"a".repeat(64)}`, "x");
    },
    backdate: (key, when) => s3.backdate(prefix + key, when),
  };
}

const MIB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function* chunks(count: number, size: number, options: { fail?: Error; seed?: number } = {}) {
  for (let i = 0; i < count; i++) yield new Uint8Array(size).fill((i + (options.seed ?? 0)) % 251);
  if (options.fail) throw options.fail;
}

function wholeOf(count: number, size: number, seed = 0): Buffer {
  return Buffer.concat(
    Array.from({ length: count }, (_, i) => Buffer.alloc(size, (i + seed) % 251)),
  );
}

async function listed(store: Subject["store"]) {
  const out = [];
  for await (const blob of store.list()) out.push(blob);
  return out.sort((x, y) => x.key.localeCompare(y.key));
}

describe.each([
  ["LocalBlobStore", localSubject],
  ["S3BlobStore", s3Subject],
])("%s (blob-store contract)", (_name, make) => {
  const bytes = new TextEncoder().encode("%PDF-1.7 hello");
  const key = sha256(bytes);

  it("stores bytes under their sha256, reads them back, and deletes them", async () => {
    const { store } = make();
    expect(await store.put(bytes)).toEqual({ key, size: bytes.byteLength });
    expect(Buffer.from((await store.get(key))!).toString()).toBe("%PDF-1.7 hello");
    expect(await store.has(key)).toBe(true);
    await store.delete(key);
    expect(await store.has(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.delete(key); // deleting twice is fine
  });

  it("answers null for a missing blob and refuses keys that are not sha256", async () => {
    const { store } = make();
    expect(await store.get("0".repeat(64))).toBeNull();
    expect(await store.has("0".repeat(64))).toBe(false);
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/Invalid blob key/);
    await expect(store.putAs("not-a-key", bytes)).rejects.toThrow(/Invalid blob key/);
  });

  it("writes the same content concurrently, by put and by stream, without error or leftovers", async () => {
    const subject = make();
    const big = new Uint8Array(2 * MIB).fill(7);
    const puts = await Promise.all(Array.from({ length: 6 }, () => subject.store.put(big)));
    expect(new Set(puts.map((r) => r.key))).toEqual(new Set([sha256(big)]));
    // Larger than two S3 parts: these go through multipart uploads and temp objects.
    const streams = await Promise.all(
      Array.from({ length: 2 }, () => subject.store.putStream(chunks(11, MIB))),
    );
    const whole = wholeOf(11, MIB);
    expect(streams.map((s) => s.key)).toEqual([sha256(whole), sha256(whole)]);
    expect(Buffer.from((await subject.store.get(sha256(whole)))!).equals(whole)).toBe(true);
    expect((await listed(subject.store)).map((b) => [b.key, b.size])).toEqual(
      [
        [sha256(big), big.byteLength],
        [sha256(whole), whole.length],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect((await subject.leftovers()).length).toBe(2);
  });

  it("streams a large blob to the store while reading it, never holding it whole", async () => {
    const subject = make();
    let writtenBeforeEnd = 0;
    async function* source() {
      yield* chunks(11, MIB);
      writtenBeforeEnd = subject.written();
      yield new Uint8Array(MIB).fill(11);
    }
    const blob = await subject.store.putStream(source());
    const whole = wholeOf(12, MIB);
    expect(blob).toEqual({ key: sha256(whole), size: whole.length });
    // Before the last chunk was read, most of the stream had gone out already.
    expect(writtenBeforeEnd).toBeGreaterThanOrEqual(5 * MIB);
    expect(Buffer.from((await subject.store.get(blob.key))!).equals(whole)).toBe(true);
    expect(await subject.leftovers()).toHaveLength(1);
  });

  it("keeps nothing of a stream that is too large, that fails, or whose commit is refused", async () => {
    const subject = make();
    const { store } = subject;
    await store.put(bytes);
    const before = await subject.leftovers();
    for (const count of [3, 12]) {
      await expect(
        store.putStream(chunks(count, MIB), { maxBytes: count * MIB - 1 }),
      ).rejects.toMatchObject({ code: "file_too_large" });
      await expect(
        store.putStream(chunks(count, MIB, { fail: new Error("client gone") })),
      ).rejects.toThrow("client gone");
      let seen: { key: string; size: number } | undefined;
      await expect(
        store.putStream(chunks(count, MIB, { seed: 3 }), {
          beforeCommit: async (blob) => {
            seen = blob;
            throw new Error("refused");
          },
        }),
      ).rejects.toThrow("refused");
      expect(seen?.size).toBe(count * MIB);
      expect(await store.has(seen!.key)).toBe(false);
    }
    expect(await subject.leftovers()).toEqual(before);
  });

  it("makes a stream visible only after its commit hook returns, small or large", async () => {
    const { store } = make();
    for (const count of [1, 12]) {
      let present: boolean | undefined;
      const blob = await store.putStream(chunks(count, MIB, { seed: 5 }), {
        beforeCommit: async (b) => {
          present = await store.has(b.key);
        },
      });
      expect(present).toBe(false);
      expect(await store.has(blob.key)).toBe(true);
    }
  });

  it("keeps a blob on putAs unless asked to replace it", async () => {
    const { store } = make();
    await store.putAs(key, new TextEncoder().encode("first envelope"));
    await store.putAs(key, new TextEncoder().encode("second envelope"));
    expect(Buffer.from((await store.get(key))!).toString()).toBe("first envelope");
    await store.putAs(key, new TextEncoder().encode("rewrapped"), { replace: true });
    expect(Buffer.from((await store.get(key))!).toString()).toBe("rewrapped");
  });

  it("lists every blob with its size and write time, and nothing else", async () => {
    const subject = make();
    const { store } = subject;
    const a = await store.put(new TextEncoder().encode("first"));
    const b = await store.put(new TextEncoder().encode("second!"));
    await subject.addTemp("partial", 0);
    await subject.addStray();
    const all = await listed(store);
    expect(all.map((x) => [x.key, x.size])).toEqual(
      [
        [a.key, 5],
        [b.key, 7],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(all.every((x) => Math.abs(x.modifiedAt.getTime() - Date.now()) < 60_000)).toBe(true);
    subject.backdate(a.key, new Date(Date.now() - 3_600_000));
    expect((await listed(store)).find((x) => x.key === a.key)!.modifiedAt.getTime()).toBeLessThan(
      Date.now() - 3_000_000,
    );
  });

  it("removes temps of interrupted writes by age, not one being written now", async () => {
    const subject = make();
    await subject.store.put(bytes);
    await subject.addTemp("left-by-a-crash", 3_600_000);
    await subject.addTemp("being-written", 0);
    expect(await subject.store.cleanTemp(TEMP_FILE_MAX_AGE_MS)).toBe(1);
    const left = await subject.leftovers();
    expect(left.some((k) => k.endsWith("being-written"))).toBe(true);
    expect(left.some((k) => k.endsWith("left-by-a-crash"))).toBe(false);
    expect(await subject.store.has(key)).toBe(true);
  });

  it("holds encrypted blobs under EncryptedBlobStore, streamed or put, and rewraps them", async () => {
    const subject = make();
    const keyring = new MasterKeyring([generateMasterKey()]);
    const encrypted = new EncryptedBlobStore(subject.store, keyring);
    const secret = new TextEncoder().encode("Zanzibarite invoice total 42.00");
    const small = await encrypted.put(secret);
    const plain = Buffer.concat([Buffer.from("Zanzibarite "), wholeOf(11, MIB)]);
    async function* stream() {
      for (let i = 0; i < plain.length; i += MIB) yield plain.subarray(i, i + MIB);
    }
    const big = await encrypted.putStream(stream());
    expect(big).toEqual({ key: sha256(plain), size: plain.length });
    for (const blob of [small, big]) {
      const stored = Buffer.from((await subject.store.get(blob.key))!);
      expect(stored.subarray(0, 4).toString()).toBe("PWEB");
      expect(stored.includes("Zanzibarite")).toBe(false);
    }
    expect(Buffer.from((await encrypted.get(small.key))!).toString()).toBe(
      "Zanzibarite invoice total 42.00",
    );
    expect(Buffer.from((await encrypted.get(big.key))!).equals(plain)).toBe(true);
    // Key rotation: a new current key re-wraps every blob the store lists.
    const rotated = new EncryptedBlobStore(
      subject.store,
      new MasterKeyring([generateMasterKey(), ...keyring.ids.map((id) => keyring.key(id)!)]),
    );
    const done = [];
    for await (const k of subject.store.listKeys()) done.push(await rotated.rewrap(k));
    expect(done).toEqual(["rewrapped", "rewrapped"]);
    expect(Buffer.from((await rotated.get(big.key))!).equals(plain)).toBe(true);
  });
});
