import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ImportLayout, normalizeImportedLayout, PagewiseError } from "@pagewise/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDocuments } from "../document-queries";
import { saveDocumentResult } from "../document-results";
import { deleteDocument, insertDocument, transitionDocument } from "../documents";
import { EncryptedBlobStore } from "../encryption/encrypted-blob-store";
import { FieldEncryption } from "../encryption/field-encryption";
import { generateMasterKey, MasterKeyring } from "../encryption/keyring";
import { rotateMasterKeys } from "../encryption/rotate-master-keys";
import { LocalBlobStore } from "../local-blob-store";
import { savePageLayout } from "../pages";
import { createProject } from "../projects";
import type { Db } from "../schema";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing";
import {
  backfillSearchIndex,
  getSearchEntry,
  indexDocumentForSearch,
  searchableText,
} from "./search-index";
import { searchSnippet } from "./snippets";

const FIXTURES = join(import.meta.dirname, "../../../../test/fixtures");
/** Real receipts with the dataset's own OCR: the MR. D.I.Y. one, a Shell station, two in Johor. */
const RECEIPTS = {
  diy: join(FIXTURES, "search/X51008123580.layout.json"),
  shell: join(FIXTURES, "sroie/layout/X51005306399.json"),
  restaurant: join(FIXTURES, "sroie/layout/X51005442341.json"),
  gift: join(FIXTURES, "sroie/layout/X00016469619.json"),
};

function layoutOf(path: string) {
  const layout = normalizeImportedLayout(JSON.parse(readFileSync(path, "utf8")) as ImportLayout);
  return layout.pages;
}

async function storeReceipt(db: Db, projectId: string, name: keyof typeof RECEIPTS) {
  const { document } = await insertDocument(db, {
    projectId,
    filename: RECEIPTS[name].split("/").at(-1)?.replace(/\..*/, ".jpg") as string,
    sizeBytes: 1,
    sha256: "a".repeat(64),
    blobKey: "a".repeat(64),
  });
  for (const page of layoutOf(RECEIPTS[name])) await savePageLayout(db, document.id, page);
  await transitionDocument(db, document.id, {
    from: ["queued"],
    to: "processed",
    category: "receipt",
  });
  return document.id;
}

async function storeText(db: Db, projectId: string, filename: string, text: string) {
  const { document } = await insertDocument(db, {
    projectId,
    filename,
    sizeBytes: 1,
    sha256: "b".repeat(64),
    blobKey: "b".repeat(64),
  });
  const tokens = text.split(" ").map((word, i) => ({
    id: `0:${i}`,
    text: word,
    box: [0, 0, 1, 1] as [number, number, number, number],
    confidence: 1,
    line: 0,
  }));
  await savePageLayout(db, document.id, {
    index: 0,
    width: 10,
    height: 10,
    source: "text",
    tokens,
  });
  await transitionDocument(db, document.id, { from: ["queued"], to: "processed" });
  return document.id;
}

describe.each(TEST_DIALECTS)("full-text search on %s", (dialect) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  let projectId: string;
  const search = async (
    db: Db,
    q: string,
    more: Partial<Parameters<typeof listDocuments>[2]> = {},
  ) => (await listDocuments(db, projectId, { limit: 50, q, ...more })).items.map((d) => d.id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "receipts" })).id;
    for (const name of Object.keys(RECEIPTS) as (keyof typeof RECEIPTS)[]) {
      ids[name] = await storeReceipt(t.db, projectId, name);
      expect(await indexDocumentForSearch(t.db, ids[name] as string)).toBe(true);
    }
  });
  afterAll(() => t.drop());

  it("finds a receipt by a word on it, with its punctuation or without", async () => {
    for (const q of ["MR. D.I.Y", "mr diy", "D-I-Y", "d.i.y.", "DIY (M) SDN BHD"]) {
      expect(await search(t.db, q), q).toEqual([ids.diy]);
    }
    expect(await search(t.db, "shell")).toEqual([ids.shell]);
    // "K3-113,JL" on the receipt: the parts of the searched word, in order.
    expect(await search(t.db, "K3-113")).toEqual([ids.restaurant]);
    expect((await search(t.db, "johor")).sort()).toEqual([ids.gift, ids.restaurant].sort());
    // Every word must be there.
    expect(await search(t.db, "johor shell")).toEqual([]);
    expect(await search(t.db, "quetzalcoatlus")).toEqual([]);
    // The file name is searched too.
    expect(await search(t.db, "X51005442341.jpg")).toEqual([ids.restaurant]);
  });

  it("refuses a search with no word in it", async () => {
    const error = await search(t.db, " .-, ").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PagewiseError);
    expect((error as PagewiseError).code).toBe("validation_failed");
  });

  it("ranks documents that say it more often first, pages by relevance, and keeps the filters", async () => {
    const p = (await createProject(t.db, { name: `rank-${dialect}` })).id;
    const filler = "alpha beta gamma delta epsilon zeta eta theta";
    const once = await storeText(t.db, p, "once.pdf", `quokka ${filler} ${filler}`);
    const thrice = await storeText(
      t.db,
      p,
      "thrice.pdf",
      `quokka ${filler} quokka ${filler} quokka`,
    );
    const twice = await storeText(t.db, p, "twice.pdf", `quokka ${filler} quokka ${filler}`);
    await storeText(t.db, p, "none.pdf", `${filler} ${filler}`);
    for (const id of [once, thrice, twice]) await indexDocumentForSearch(t.db, id);
    const ranked = await listDocuments(t.db, p, { limit: 10, q: "quokka" });
    expect(ranked.items.map((d) => d.filename)).toEqual(["thrice.pdf", "twice.pdf", "once.pdf"]);
    const scores = ranked.items.map((d) => ranked.scores.get(d.id) as number);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    expect(scores[1]).toBeGreaterThan(scores[2] as number);
    // Page by page, one at a time, the same order.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(t.db, p, { limit: 1, q: "quokka", cursor });
      seen.push(...page.items.map((d) => d.filename));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["thrice.pdf", "twice.pdf", "once.pdf"]);
    // Other orders with a search, and filters.
    const byName = await listDocuments(t.db, p, { limit: 10, q: "quokka", sort: "filename" });
    expect(byName.items.map((d) => d.filename)).toEqual(["once.pdf", "thrice.pdf", "twice.pdf"]);
    await transitionDocument(t.db, twice, { from: ["processed"], to: "reviewed" });
    expect(
      (await listDocuments(t.db, p, { limit: 10, q: "quokka", status: "reviewed" })).items.map(
        (d) => d.id,
      ),
    ).toEqual([twice]);
    // Another project's documents are not found.
    expect(await search(t.db, "quokka")).toEqual([]);
  });

  it("sorts the list by file name and status, page by page", async () => {
    const p = (await createProject(t.db, { name: `sort-${dialect}` })).id;
    for (const name of ["c.pdf", "a.pdf", "b.pdf", "d.pdf"]) await storeText(t.db, p, name, "x");
    const all = async (sort: "filename" | "-filename") => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDocuments(t.db, p, { limit: 3, sort, cursor });
        out.push(...page.items.map((d) => d.filename));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    expect(await all("filename")).toEqual(["a.pdf", "b.pdf", "c.pdf", "d.pdf"]);
    expect(await all("-filename")).toEqual(["d.pdf", "c.pdf", "b.pdf", "a.pdf"]);
    await expect(listDocuments(t.db, p, { limit: 3, sort: "relevance" })).rejects.toThrow(
      /needs a search/,
    );
  });

  it("indexes field values and marks the matched words in a snippet", async () => {
    await saveDocumentResult(t.db, {
      documentId: ids.shell as string,
      kind: "extraction",
      modelVersionId: null,
      modelVersion: null,
      data: [{ name: "vendor", value: "Petronas Quetzal" }],
    });
    expect(await search(t.db, "quetzal")).toEqual([]);
    await indexDocumentForSearch(t.db, ids.shell as string);
    expect(await search(t.db, "quetzal")).toEqual([ids.shell]);
    const text = await searchableText(t.db, ids.diy as string);
    const snippet = searchSnippet(text!, "mr. d.i.y");
    expect(snippet).not.toBeNull();
    const marked = snippet!.highlights.map((h) => snippet!.text.slice(h.start, h.end));
    expect(marked).toEqual(["MR.", "D.I.Y."]);
    const field = searchSnippet((await searchableText(t.db, ids.shell as string))!, "quetzal");
    expect(field!.highlights.map((h) => field!.text.slice(h.start, h.end))).toEqual(["Quetzal"]);
  });

  it("removes a deleted document from the index", async () => {
    const id = await storeText(t.db, projectId, "gone.pdf", "ephemeral words");
    await indexDocumentForSearch(t.db, id);
    expect(await search(t.db, "ephemeral")).toEqual([id]);
    await deleteDocument(t.db, projectId, id);
    expect(await search(t.db, "ephemeral")).toEqual([]);
    expect(await getSearchEntry(t.db, id)).toBeNull();
    if (dialect === "sqlite") {
      // The trigger took the terms with the entry.
      const { rows } = await sql<{ n: number }>`select count(*) as n from search_terms`.execute(
        t.db,
      );
      const entries = await t.db.selectFrom("search_entries").select("id").execute();
      expect(Number(rows[0]?.n)).toBe(entries.length);
    }
  });
});

describe.each(TEST_DIALECTS)("full-text search with encryption on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();
  const withKeys = (keys: Buffer[], options: { encryptWrites?: boolean } = {}): Db =>
    t.db.withPlugin(new FieldEncryption(new MasterKeyring(keys), options));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "secret" })).id;
  });
  afterAll(() => t.drop());

  it("indexes keyed hashes, never the words, and finds by them across a key rotation", async () => {
    const db = withKeys([oldKey]);
    const diy = await storeReceipt(db, projectId, "diy");
    const shell = await storeReceipt(db, projectId, "shell");
    await indexDocumentForSearch(db, diy);
    await indexDocumentForSearch(db, shell);
    expect(await getSearchEntry(db, diy)).toMatchObject({ hashed: true });
    const find = async (handle: Db, q: string) =>
      (await listDocuments(handle, projectId, { limit: 10, q })).items.map((d) => d.id);
    expect(await find(db, "MR. D.I.Y")).toEqual([diy]);
    expect(await find(db, "K3-113")).toEqual([]);
    expect(await find(db, "shell petro")).toEqual([shell]);

    // What the index holds: 16 hex digits per term, no word of the receipts.
    let stored: string;
    if (dialect === "sqlite") {
      const { rows } = await sql<{ terms: string }>`select terms from search_terms`.execute(db);
      stored = rows.map((r) => r.terms).join(" ");
      // Nor anywhere in the database file or its write-ahead log.
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      const bytes = Buffer.concat(
        [t.url, `${t.url}-wal`].flatMap((f) => {
          try {
            return [readFileSync(f)];
          } catch {
            return [];
          }
        }),
      )
        .toString("latin1")
        .toLowerCase();
      // Long words only: base64 ciphertext holds any three letters by chance ("diy" is looked
      // for in the index's own terms below, which are hex). Not `toContain`: a failure would
      // print the whole file.
      for (const word of ["perindustrian", "kembangan", "damansara", "loyalty", "genting"]) {
        expect(bytes.includes(word), `${word} in the database file`).toBe(false);
      }
    } else {
      const { rows } = await sql<{
        terms: string;
      }>`select terms::text as terms from search_entries`.execute(db);
      stored = rows.map((r) => r.terms).join(" ");
    }
    const terms = stored.split(/\s+/).map((term) => term.replace(/'/g, "").replace(/:[\d,]+$/, ""));
    expect(terms.length).toBeGreaterThan(50);
    for (const term of terms) expect(term).toMatch(/^[0-9a-f]{16}$/);
    expect(stored.toLowerCase()).not.toContain("diy");
    expect(stored.toLowerCase()).not.toContain("shell");

    // Rotate to a new master key, then drop the old one: search still works without re-indexing.
    const both = withKeys([newKey, oldKey]);
    const local = new LocalBlobStore(join(t.url, "..", "blobs"));
    await rotateMasterKeys(
      t.db,
      {
        store: new EncryptedBlobStore(local, new MasterKeyring([newKey, oldKey])),
        keys: local.listKeys(),
      },
      new MasterKeyring([newKey, oldKey]),
    );
    expect(await find(both, "MR. D.I.Y")).toEqual([diy]);
    expect(await find(withKeys([newKey]), "MR. D.I.Y")).toEqual([diy]);
  });

  it("re-indexes in the other form when encryption is switched, by the backfill", async () => {
    const clearDb = withKeys([newKey], { encryptWrites: false });
    const id = await storeText(clearDb, projectId, "memo.pdf", "Zanzibar ledger");
    // Not indexed yet: the backfill finds it (a document stored before search existed).
    expect(await getSearchEntry(clearDb, id)).toBeNull();
    let done = 0;
    for (let n = await backfillSearchIndex(clearDb); n > 0; n = await backfillSearchIndex(clearDb))
      done += n;
    expect(done).toBeGreaterThanOrEqual(1);
    expect(await getSearchEntry(clearDb, id)).toMatchObject({ hashed: false });
    const find = async (handle: Db, q: string) =>
      (await listDocuments(handle, projectId, { limit: 10, q })).items.map((d) => d.id);
    expect(await find(clearDb, "zanzibar")).toEqual([id]);
    // Encryption on again: the clear entries are re-indexed as hashes.
    const encrypted = withKeys([newKey]);
    while ((await backfillSearchIndex(encrypted)) > 0) {}
    expect(await getSearchEntry(encrypted, id)).toMatchObject({ hashed: true });
    expect(await find(encrypted, "zanzibar")).toEqual([id]);
  });
});
