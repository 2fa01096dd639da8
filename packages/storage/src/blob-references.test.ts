import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBlobReferenced, releaseBlob, storeReferencedBlob } from "./blob-references";
import { saveDocumentResult } from "./document-results";
import { deleteDocument, getDocument, insertDocument } from "./documents";
import { recordEvent } from "./events";
import { LocalBlobStore } from "./local-blob-store";
import { getPages, savePageLayout, setPageImage } from "./pages";
import { createProject } from "./projects";
import { insertReview } from "./reviews";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

const bytes = (text: string) => new TextEncoder().encode(text);
const page = (index: number) => ({
  index,
  width: 100,
  height: 100,
  source: "text" as const,
  tokens: [],
});

/** A real blob folder that lets a test act at the moment a blob has just been deleted. */
class PausingBlobStore extends LocalBlobStore {
  afterDelete: (() => Promise<void>) | undefined;
  override async delete(key: string): Promise<void> {
    await super.delete(key);
    const hook = this.afterDelete;
    this.afterDelete = undefined;
    await hook?.();
  }
}

describe.each(TEST_DIALECTS)("blob references on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  const dir = mkdtempSync(join(tmpdir(), "pagewise-blobrefs-"));
  const blobs = new PausingBlobStore(dir);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "p" })).id;
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newDocument(content: string) {
    const { key } = await blobs.put(bytes(content));
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: "f.pdf",
      sizeBytes: content.length,
      sha256: key,
      blobKey: key,
    });
    return document;
  }

  it("deletes a document's rows and hands back its original and page image keys", async () => {
    const doc = await newDocument(`original ${dialect}`);
    const image = (await blobs.put(bytes(`page image ${dialect}`))).key;
    await savePageLayout(t.db, doc.id, page(0), image);
    await savePageLayout(t.db, doc.id, page(1));
    await saveDocumentResult(t.db, {
      documentId: doc.id,
      kind: "classification",
      modelVersionId: null,
      modelVersion: null,
      data: {},
    });
    await insertReview(t.db, {
      projectId,
      documentId: doc.id,
      actor: "tok",
      source: "review",
      complete: true,
      category: "invoice",
      fields: [],
      previous: {},
      labelSchemaVersion: 1,
    });
    await recordEvent(t.db, { projectId, documentId: doc.id, type: "document.uploaded" });

    const deleted = await deleteDocument(t.db, projectId, doc.id);
    expect(deleted?.blobKeys.sort()).toEqual([doc.blobKey, image].sort());
    expect(await getDocument(t.db, projectId, doc.id)).toBeNull();
    expect(await getPages(t.db, doc.id)).toEqual([]);
    for (const table of ["document_results", "reviews", "events"] as const) {
      const rows = await t.db
        .selectFrom(table)
        .select("document_id")
        .where("document_id", "=", doc.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    for (const key of deleted!.blobKeys) expect(await releaseBlob(t.db, blobs, key)).toBe(true);
    expect(await blobs.has(doc.blobKey)).toBe(false);
    expect(await blobs.has(image)).toBe(false);
  });

  it("keeps a blob that another document, page image, snapshot or model still points at", async () => {
    const shared = `shared ${dialect}`;
    const a = await newDocument(shared);
    const b = await newDocument(shared);
    const image = (await blobs.put(bytes(`same page ${dialect}`))).key;
    await savePageLayout(t.db, a.id, page(0), image);
    await savePageLayout(t.db, b.id, page(0), image);
    const deleted = await deleteDocument(t.db, projectId, a.id);
    for (const key of deleted!.blobKeys) expect(await releaseBlob(t.db, blobs, key)).toBe(false);
    expect(await blobs.has(b.blobKey)).toBe(true);
    expect(await blobs.has(image)).toBe(true);

    const snapshot = (await blobs.put(bytes(`snapshot ${dialect}`))).key;
    await t.db
      .insertInto("dataset_snapshots")
      .values({
        id: `snap_${dialect}`,
        project_id: projectId,
        content_hash: "h",
        label_schema_version: 1,
        train_count: 0,
        validation_count: 0,
        blob_key: snapshot,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await releaseBlob(t.db, blobs, snapshot)).toBe(false);
    const weights = (await blobs.put(bytes(`weights ${dialect}`))).key;
    const modelId = `rm_${dialect}`;
    await t.db
      .insertInto("registered_models")
      .values({ id: modelId, project_id: projectId, kind: "extractor", created_at: "now" })
      .execute();
    await t.db
      .insertInto("model_versions")
      .values({
        id: `mv_${dialect}`,
        registered_model_id: modelId,
        version: 1,
        status: "ready",
        training_run_id: null,
        artifacts: JSON.stringify({ "weights.bin": weights }),
        lineage: "{}",
        metrics: null,
        gate_report: null,
        error: null,
        created_at: "now",
        updated_at: "now",
      })
      .execute();
    expect(await isBlobReferenced(t.db, weights)).toBe(true);
    expect(await releaseBlob(t.db, blobs, weights)).toBe(false);
    expect(await blobs.has(weights)).toBe(true);
  });

  it("puts the bytes back when a row pointing at them is committed while it deletes", async () => {
    const content = `raced ${dialect}`;
    const key = (await blobs.put(bytes(content))).key;
    // An upload of the same bytes commits its row right after the blob was deleted.
    blobs.afterDelete = async () => {
      await insertDocument(t.db, {
        projectId,
        filename: "again.pdf",
        sizeBytes: content.length,
        sha256: key,
        blobKey: key,
      });
    };
    expect(await releaseBlob(t.db, blobs, key)).toBe(false);
    expect(new TextDecoder().decode((await blobs.get(key))!)).toBe(content);
  });

  it("stores the bytes again for a writer whose blob was released before its row landed", async () => {
    const doc = await newDocument(`writer ${dialect}`);
    await savePageLayout(t.db, doc.id, page(0));
    const image = bytes(`late image ${dialect}`);
    const key = await storeReferencedBlob(t.db, blobs, image, async (k) => {
      // Another document's deletion releases the same bytes before this row commits.
      await releaseBlob(t.db, blobs, k);
      return setPageImage(t.db, doc.id, 0, k);
    });
    expect(key).not.toBeNull();
    expect(await blobs.has(key!)).toBe(true);
  });

  it("leaves nothing behind when the row's owner was deleted before it could be written", async () => {
    const doc = await newDocument(`gone ${dialect}`);
    await savePageLayout(t.db, doc.id, page(0));
    await deleteDocument(t.db, projectId, doc.id);
    const image = bytes(`orphan image ${dialect}`);
    const key = await storeReferencedBlob(t.db, blobs, image, (k) =>
      setPageImage(t.db, doc.id, 0, k),
    );
    expect(key).toBeNull();
    const attempted = createHash("sha256").update(image).digest("hex");
    expect(await blobs.has(attempted)).toBe(false);
    // A throwing writer (a page insert for a deleted document) releases its bytes too.
    await expect(
      storeReferencedBlob(t.db, blobs, image, async (k) => {
        await savePageLayout(t.db, doc.id, page(0), k);
        return true;
      }),
    ).rejects.toThrow();
    expect(await blobs.has(attempted)).toBe(false);
  });
});
