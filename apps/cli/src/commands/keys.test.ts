import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createProject,
  EncryptedBlobStore,
  getDocument,
  getPages,
  insertDocument,
  LocalBlobStore,
  openStorage,
  readKeyringFile,
  savePageLayout,
  storageLocations,
} from "@pagewise/storage";
import { S3BlobStore } from "@pagewise/storage/s3";
import { startTestS3Server } from "@pagewise/storage/testing-s3";
import { afterAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../command";
import { loadEnv } from "../env";
import { keysCommand } from "./keys";

describe("pagewise keys", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "pagewise-keys-cli-"));
  const locations = storageLocations(dataDir);
  const lines: string[] = [];
  const context: CommandContext = {
    stdout: (text) => lines.push(text),
    log: (text) => lines.push(text),
    env: loadEnv({ PAGEWISE_DATA_DIR: dataDir }),
  };
  const keyIds = () =>
    JSON.parse(readFileSync(locations.keyFile, "utf8")) as {
      current: string;
      keys: { id: string }[];
    };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function readEverything(documentId: string, projectId: string, blobKey: string) {
    const storage = await openStorage("test", locations);
    try {
      const blobs = new EncryptedBlobStore(new LocalBlobStore(locations.blobDir), storage.keyring);
      return {
        text: (await getPages(storage.db, documentId))[0]?.tokens[0]?.text,
        label: (await getDocument(storage.db, projectId, documentId))?.importLabels?.category,
        blob: Buffer.from((await blobs.get(blobKey)) ?? []).toString(),
      };
    } finally {
      await storage.close();
    }
  }

  it("adds a key, rotates, drops the old key from the key file, and everything still reads", async () => {
    // A platform's first start: a generated key file, a document with text, labels and a blob.
    const storage = await openStorage("test", locations);
    const blobs = new EncryptedBlobStore(new LocalBlobStore(locations.blobDir), storage.keyring);
    const { key } = await blobs.put(new TextEncoder().encode("%PDF Quetzalcoatlus"));
    const projectId = (await createProject(storage.db, { name: "p" })).id;
    const { document } = await insertDocument(storage.db, {
      projectId,
      filename: "a.pdf",
      sizeBytes: 1,
      sha256: key,
      blobKey: key,
      importLabels: { category: "invoice", fields: [] },
    });
    await savePageLayout(storage.db, document.id, {
      index: 0,
      width: 1,
      height: 1,
      source: "text",
      tokens: [
        {
          id: "t",
          text: "Quetzalcoatlus",
          box: { x0: 0, y0: 0, x1: 1, y1: 1 },
          confidence: 1,
        } as never,
      ],
    });
    await storage.close();
    const first = keyIds().current;

    expect(await keysCommand.run(["add"], context)).toBe(0);
    const added = keyIds();
    expect(added.keys).toHaveLength(2);
    expect(added.current).not.toBe(first);

    expect(await keysCommand.run(["rotate", "--drop-retired"], context)).toBe(0);
    const report = JSON.parse(lines.find((l) => l.startsWith("{")) ?? "{}");
    expect(report).toMatchObject({
      current: added.current,
      documentKeys: 1,
      blobs: { rewrapped: 1, encrypted: 0 },
      retired: [first],
    });
    expect(keyIds().keys.map((k) => k.id)).toEqual([added.current]);

    expect(await readEverything(document.id, projectId, key)).toEqual({
      text: "Quetzalcoatlus",
      label: "invoice",
      blob: "%PDF Quetzalcoatlus",
    });
  });

  it("rotates the blobs in the S3 bucket when PAGEWISE_BLOB_URL names one", async () => {
    const s3 = await startTestS3Server();
    const saved = { ...process.env };
    const s3DataDir = mkdtempSync(join(tmpdir(), "pagewise-keys-cli-s3-"));
    try {
      const s3Env = s3.env("keys/");
      // The command's client finds the credentials where production has them: the environment.
      Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: s3Env.AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: s3Env.AWS_SECRET_ACCESS_KEY,
      });
      const s3Locations = storageLocations(s3DataDir);
      const storage = await openStorage("test", { ...s3Locations, blobDir: undefined });
      const bucketStore = new S3BlobStore(s3.newClient(), s3.bucket, "keys/");
      const { key } = await new EncryptedBlobStore(bucketStore, storage.keyring).put(
        new TextEncoder().encode("%PDF Archaeopteryx"),
      );
      await storage.close();
      const out: string[] = [];
      const s3Context: CommandContext = {
        stdout: (text) => out.push(text),
        log: (text) => out.push(text),
        env: loadEnv({ PAGEWISE_DATA_DIR: s3DataDir, ...s3Env }),
      };
      expect(await keysCommand.run(["add"], s3Context)).toBe(0);
      expect(await keysCommand.run(["rotate"], s3Context)).toBe(0);
      expect(JSON.parse(out.find((l) => l.startsWith("{")) ?? "{}")).toMatchObject({
        blobs: { rewrapped: 1, encrypted: 0, current: 0 },
      });
      expect(out).toContain(`blobs: s3://${s3.bucket}/keys/`);
      const keyring = readKeyringFile(s3Locations.keyFile);
      const stored = Buffer.from((await bucketStore.get(key))!);
      // The blob's header names the key that wraps its data key: now the new current one.
      expect(stored.subarray(6, 22).toString()).toBe(keyring.currentId);
      expect(
        Buffer.from((await new EncryptedBlobStore(bucketStore, keyring).get(key))!).toString(),
      ).toBe("%PDF Archaeopteryx");
      expect(existsSync(s3Locations.blobDir)).toBe(false);
    } finally {
      process.env = saved;
      await s3.close();
      rmSync(s3DataDir, { recursive: true, force: true });
    }
  });

  it("refuses an unknown action with its usage", async () => {
    await expect(keysCommand.run(["spin"], context)).rejects.toThrow(/unknown keys action/);
  });
});
