import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocumentResults, saveDocumentResult } from "../document-results";
import { deleteDocument, getDocument, insertDocument } from "../documents";
import { LocalBlobStore } from "../local-blob-store";
import { getPages, savePageLayout } from "../pages";
import { createProject } from "../projects";
import { getLatestReview, insertReview } from "../reviews";
import type { Db } from "../schema";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing";
import { EncryptedBlobStore } from "./encrypted-blob-store";
import { DecryptionError } from "./envelope";
import { documentCipher, FIELD_PREFIX, FieldEncryption } from "./field-encryption";
import { generateMasterKey, MasterKeyring } from "./keyring";
import { prepareMasterKeys } from "./master-keys";
import { rotateMasterKeys } from "./rotate-master-keys";

const WORD = "Quetzalcoatlus";

describe.each(TEST_DIALECTS)("document columns encrypted on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();
  const keyFile = join(mkdtempSync(join(tmpdir(), "pagewise-fe-")), "master-key.json");
  const withKeys = (...keys: Buffer[]): Db =>
    t.db.withPlugin(new FieldEncryption(new MasterKeyring(keys)));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "acme" })).id;
  });
  afterAll(() => t.drop());

  async function storeDocument(db: Db) {
    const { document } = await insertDocument(db, {
      projectId,
      filename: "scan.pdf",
      sizeBytes: 10,
      sha256: "a".repeat(64),
      blobKey: "a".repeat(64),
      importLabels: { category: "invoice", fields: [{ name: "vendor", value: WORD }] },
    });
    const token = { id: "t1", text: WORD, box: { x0: 0, y0: 0, x1: 1, y1: 1 }, confidence: 1 };
    await savePageLayout(db, document.id, {
      index: 0,
      width: 100,
      height: 100,
      source: "text",
      tokens: [token as never],
    });
    await saveDocumentResult(db, {
      documentId: document.id,
      kind: "extraction",
      modelVersionId: null,
      modelVersion: null,
      data: { fields: [{ name: "vendor", value: WORD }] },
    });
    await insertReview(db, {
      projectId,
      documentId: document.id,
      actor: "tok",
      source: "review",
      complete: true,
      category: "invoice",
      fields: [{ name: "vendor", value: WORD, normalized: null, tokenIds: ["t1"], aligned: false }],
      previous: { fields: [{ name: "vendor", value: WORD }] },
      labelSchemaVersion: 1,
    });
    return document.id;
  }

  async function rawValues(documentId: string): Promise<string[]> {
    const page = await t.db
      .selectFrom("pages")
      .select("tokens")
      .where("document_id", "=", documentId)
      .execute();
    const result = await t.db
      .selectFrom("document_results")
      .select("data")
      .where("document_id", "=", documentId)
      .execute();
    const review = await t.db
      .selectFrom("reviews")
      .select(["fields", "previous"])
      .where("document_id", "=", documentId)
      .execute();
    const doc = await t.db
      .selectFrom("documents")
      .select("import_labels")
      .where("id", "=", documentId)
      .execute();
    return [
      ...page.map((r) => r.tokens),
      ...result.map((r) => r.data),
      ...review.flatMap((r) => [r.fields, r.previous]),
      ...doc.map((r) => r.import_labels ?? ""),
    ];
  }

  it("stores a document's text, results, reviews and labels encrypted, and reads them back", async () => {
    await prepareMasterKeys(t.db, {
      masterKey: oldKey.toString("base64"),
      defaultKeyFile: keyFile,
    });
    const db = withKeys(oldKey);
    const id = await storeDocument(db);
    const raw = await rawValues(id);
    expect(raw).toHaveLength(5);
    for (const value of raw) {
      expect(value.startsWith(FIELD_PREFIX)).toBe(true);
      expect(value).not.toContain(WORD);
    }
    expect((await getPages(db, id))[0]?.tokens[0]?.text).toBe(WORD);
    expect(JSON.stringify((await getDocumentResults(db, [id])).get(id))).toContain(WORD);
    expect((await getLatestReview(db, id))?.fields[0]?.value).toBe(WORD);
    expect((await getDocument(db, projectId, id))?.importLabels?.fields[0]?.value).toBe(WORD);
    // A process without the keys cannot read them, and says so.
    await expect(getPages(t.db, id)).rejects.toThrow(DecryptionError);
  });

  it("refuses values moved to another document or column (authenticated context)", async () => {
    const db = withKeys(oldKey);
    const a = await storeDocument(db);
    const b = await storeDocument(db);
    const [tokensA] = await rawValues(a);
    await t.db
      .updateTable("pages")
      .set({ tokens: tokensA as string })
      .where("document_id", "=", b)
      .execute();
    await expect(getPages(withKeys(oldKey), b)).rejects.toThrow(/authentication failed/);
  });

  it("shreds a deleted document: its key is gone, a copy of its values cannot be read", async () => {
    const db = withKeys(oldKey);
    const id = await storeDocument(db);
    const copies = await rawValues(id);
    expect(await deleteDocument(db, projectId, id)).not.toBeNull();
    const keys = await t.db
      .selectFrom("document_keys")
      .select("document_id")
      .where("document_id", "=", id)
      .execute();
    expect(keys).toEqual([]);
    const cipher = await documentCipher(withKeys(oldKey), id);
    for (const copy of copies) {
      expect(() => cipher.decrypt("pages.tokens", copy)).toThrow(/data key is gone/);
    }
  });

  it("gives a document stored before encryption a key on its next write, and none to a deleted one", async () => {
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: "old.pdf",
      sizeBytes: 1,
      sha256: "b".repeat(64),
      blobKey: "b".repeat(64),
    });
    const db = withKeys(oldKey);
    const page = { index: 0, width: 1, height: 1, source: "text" as const, tokens: [] };
    await savePageLayout(db, document.id, page);
    const keys = () =>
      t.db
        .selectFrom("document_keys")
        .select("document_id")
        .where("document_id", "=", document.id)
        .execute();
    expect(await keys()).toHaveLength(1);
    const [raw] = await t.db
      .selectFrom("pages")
      .select("tokens")
      .where("document_id", "=", document.id)
      .execute();
    expect(raw?.tokens.startsWith(FIELD_PREFIX)).toBe(true);
    await deleteDocument(db, projectId, document.id);
    await expect(savePageLayout(db, document.id, page)).rejects.toThrow(/no data key/);
    expect(await keys()).toEqual([]);
  });

  it("refuses to start with a wrong key: master_key_missing", async () => {
    await expect(
      prepareMasterKeys(t.db, { masterKey: newKey.toString("base64"), defaultKeyFile: keyFile }),
    ).rejects.toThrow(expect.objectContaining({ code: "master_key_missing" }));
  });

  it("rotates: re-wraps every data key, after which the old master key can be dropped", async () => {
    const db = withKeys(oldKey);
    const id = await storeDocument(db);
    const blobDir = mkdtempSync(join(tmpdir(), "pagewise-fe-blobs-"));
    const local = new LocalBlobStore(blobDir);
    const { key } = await new EncryptedBlobStore(local, new MasterKeyring([oldKey])).put(
      new TextEncoder().encode(WORD),
    );
    // The operator makes the new key current (old one kept) and restarts: the start passes.
    const both = new MasterKeyring([newKey, oldKey]);
    await prepareMasterKeys(t.db, {
      masterKey: `${newKey.toString("base64")},${oldKey.toString("base64")}`,
      defaultKeyFile: keyFile,
    });
    const report = await rotateMasterKeys(
      t.db,
      { store: new EncryptedBlobStore(local, both), keys: local.listKeys() },
      both,
    );
    expect(report.documentKeys).toBeGreaterThanOrEqual(1);
    expect(report.blobs.rewrapped).toBe(1);
    expect(report.retired).toHaveLength(1);
    // Only the new key now: the start passes, and everything reads.
    await prepareMasterKeys(t.db, {
      masterKey: newKey.toString("base64"),
      defaultKeyFile: keyFile,
    });
    const onlyNew = withKeys(newKey);
    expect((await getPages(onlyNew, id))[0]?.tokens[0]?.text).toBe(WORD);
    expect((await getLatestReview(onlyNew, id))?.fields[0]?.value).toBe(WORD);
    const blob = await new EncryptedBlobStore(local, new MasterKeyring([newKey])).get(key);
    expect(Buffer.from(blob!).toString()).toBe(WORD);
    // Running it again changes nothing.
    const again = await rotateMasterKeys(
      t.db,
      { store: new EncryptedBlobStore(local, both), keys: local.listKeys() },
      both,
    );
    expect(again).toEqual({
      documentKeys: 0,
      blobs: { rewrapped: 0, encrypted: 0, current: 1 },
      retired: [],
    });
  });
});
