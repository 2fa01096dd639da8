import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PageLayout } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeReferencedBlob } from "./blob-references";
import { insertDocument } from "./documents";
import { listDocumentEvents } from "./events";
import { LocalBlobStore } from "./local-blob-store";
import { getPages, savePageLayout, setPageImage } from "./pages";
import { createProject } from "./projects";
import { removeDocument, scrubDeletedRows } from "./remove-document";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

const encode = (text: string) => new TextEncoder().encode(text);

function pageWith(word: string): PageLayout {
  return {
    index: 0,
    width: 1240,
    height: 1754,
    source: "text",
    tokens: [
      { id: "0:0", text: "Rechnung", box: [0.1, 0.1, 0.3, 0.12], confidence: 1, line: 0 },
      { id: "0:1", text: word, box: [0.35, 0.1, 0.45, 0.12], confidence: 1, line: 0 },
    ],
  };
}

describe.each(TEST_DIALECTS)("removing a document on %s", (dialect) => {
  let t: TestDatabase;
  let blobDir: string;
  let blobs: LocalBlobStore;
  let projectId: string;

  /** A document whose original, page image and page text are all its own. */
  async function documentWith(word: string, shared?: Uint8Array) {
    const original = shared ?? encode(`%PDF-1.4 ${word}`);
    let id = "";
    const blobKey = await storeReferencedBlob(t.db, blobs, original, async (key) => {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `${word}.pdf`,
        sizeBytes: original.byteLength,
        sha256: key,
        blobKey: key,
      });
      id = document.id;
      return true;
    });
    await savePageLayout(t.db, id, pageWith(word));
    const image = await blobs.put(encode(`PNG of ${word}`));
    await setPageImage(t.db, id, 0, image.key);
    return { id, blobKey: blobKey!, imageKey: image.key };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    blobDir = mkdtempSync(join(tmpdir(), "pagewise-remove-"));
    blobs = new LocalBlobStore(blobDir);
    projectId = (await createProject(t.db, { name: "p" })).id;
  });
  afterAll(async () => {
    await t.drop();
    rmSync(blobDir, { recursive: true, force: true });
  });

  it("deletes the rows, the original and the page image, and records who deleted it", async () => {
    const doc = await documentWith("Zebrafinch");
    const removed = await removeDocument(
      { db: t.db, blobs },
      { projectId, documentId: doc.id, actor: "tok_1", reason: "retention" },
    );
    expect(removed).toMatchObject({ blobsDeleted: 2 });
    expect(await blobs.has(doc.blobKey)).toBe(false);
    expect(await blobs.has(doc.imageKey)).toBe(false);
    expect(await getPages(t.db, doc.id)).toEqual([]);
    const trail = await t.db
      .selectFrom("events")
      .selectAll()
      .where("type", "=", "document.deleted")
      .execute();
    expect(trail.map((e) => [e.actor, JSON.parse(e.data)])).toEqual([
      ["tok_1", { documentId: doc.id, reason: "retention" }],
    ]);
    expect(await listDocumentEvents(t.db, doc.id)).toEqual([]);
    expect(
      await removeDocument({ db: t.db, blobs }, { projectId, documentId: doc.id, actor: null }),
    ).toBeNull();
  });

  it("keeps an original another document shares", async () => {
    const bytes = encode(`%PDF-1.4 shared ${Math.random()}`);
    const a = await documentWith("Shared-a", bytes);
    const b = await documentWith("Shared-b", bytes);
    expect(a.blobKey).toBe(b.blobKey);
    await removeDocument({ db: t.db, blobs }, { projectId, documentId: a.id, actor: null });
    expect(await blobs.has(a.blobKey)).toBe(true);
    expect(await blobs.has(a.imageKey)).toBe(false);
    await removeDocument({ db: t.db, blobs }, { projectId, documentId: b.id, actor: null });
    expect(await blobs.has(b.blobKey)).toBe(false);
  });

  it.runIf(dialect === "sqlite")(
    "leaves the deleted text nowhere in the SQLite file or its WAL (secure_delete)",
    async () => {
      const word = `Quokkamarmalade${Math.floor(Math.random() * 1e6)}`;
      // Other documents on the same database pages, so the page is rewritten, not dropped.
      for (const other of ["Alpha", "Beta"]) await documentWith(`${other}${word.slice(0, 4)}`);
      const doc = await documentWith(word);
      await scrubDeletedRows(t.db);
      const files = () =>
        [t.url, `${t.url}-wal`].filter(existsSync).map((path) => readFileSync(path));
      expect(files().some((bytes) => bytes.includes(word))).toBe(true);
      await removeDocument({ db: t.db, blobs }, { projectId, documentId: doc.id, actor: null });
      expect(await scrubDeletedRows(t.db)).toEqual({ complete: true });
      expect(files().some((bytes) => bytes.includes(word))).toBe(false);
      expect(readFileSync(t.url).includes("AlphaQuok")).toBe(true);
    },
  );
});
