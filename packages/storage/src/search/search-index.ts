import type { ExtractedField, PageLayout } from "@pagewise/core";
import { sql } from "kysely";
import { getDocumentResults } from "../document-results";
import { type DocumentRecord, getDocumentById } from "../documents";
import { getPages } from "../pages";
import { getLatestReview } from "../reviews";
import type { Db } from "../schema";
import { isSqlite } from "../sql-dialect";
import { nowIso } from "../time";
import { searchMode } from "./search-key";
import { documentTerms, hashTerm } from "./search-terms";

/** Most terms indexed of one document (a long document is searched on its first pages). */
const MAX_DOCUMENT_TERMS = 50_000;
/** PostgreSQL keeps at most 256 positions of a lexeme, each at most 16383. */
const MAX_POSITIONS = 256;
const MAX_POSITION = 16_383;

/** What a document is searched on, in clear: its file name, text, and field values. */
export interface SearchableText {
  filename: string;
  /** The text of each page, its tokens in reading order. */
  pages: string[];
  /** Field values: the models' predictions, the latest review and imported labels. */
  fields: { name: string; value: string }[];
}

/**
 * What a caller that just loaded a document already has (the worker finishing it): used instead
 * of reading it again. The latest review is always read.
 */
export interface KnownDocumentContent {
  document: Pick<DocumentRecord, "filename" | "importLabels">;
  pages: readonly Pick<PageLayout, "tokens">[];
  extraction: readonly ExtractedField[] | undefined;
}

/** The clear searchable text of a document (decrypted), or null when it is gone. */
export async function searchableText(
  db: Db,
  documentId: string,
  known?: KnownDocumentContent,
): Promise<SearchableText | null> {
  const doc = known?.document ?? (await getDocumentById(db, documentId));
  if (!doc) return null;
  const [pages, extraction, review] = await Promise.all([
    known?.pages ?? getPages(db, documentId),
    known
      ? known.extraction
      : getDocumentResults(db, [documentId]).then(
          (r) => r.get(documentId)?.extraction?.data as ExtractedField[] | undefined,
        ),
    getLatestReview(db, documentId),
  ]);
  const fields = [
    ...(review?.fields ?? []),
    ...(extraction ?? []),
    ...(doc.importLabels?.fields ?? []),
  ].map((f) => ({ name: f.name, value: f.value }));
  return {
    filename: doc.filename,
    pages: pages.map((p) => p.tokens.map((t) => t.text).join(" ")),
    fields,
  };
}

/**
 * (Re)index one document: its file name, the text of its pages and its field values. Called
 * when the worker has read the document, and when a review changes its fields. With encryption
 * on, the index holds keyed hashes of the terms, never the terms. False when the document is
 * gone (a deletion meanwhile).
 */
export async function indexDocumentForSearch(
  db: Db,
  documentId: string,
  known?: KnownDocumentContent,
): Promise<boolean> {
  const text = await searchableText(db, documentId, known);
  if (!text) return false;
  const mode = await searchMode(db);
  const clear = documentTerms(
    [text.filename, ...text.pages, ...text.fields.map((f) => f.value)].join("\n"),
  ).slice(0, MAX_DOCUMENT_TERMS);
  const hashed = new Map<string, string>();
  const terms = mode.hashed
    ? clear.map((t) => {
        let h = hashed.get(t);
        if (!h) {
          h = hashTerm(mode.key, t);
          hashed.set(t, h);
        }
        return h;
      })
    : clear;
  const write = async (trx: Db) => {
    if (isSqlite(trx)) {
      // The write first: it takes SQLite's write lock at once. Read first, the transaction
      // would hold a snapshot, and its first write fail at once with SQLITE_BUSY (no busy
      // timeout applies) whenever another process wrote meanwhile — a worker storing a page
      // image while a reviewer saves. The trigger removes the old terms with the old entry.
      await trx.deleteFrom("search_entries").where("document_id", "=", documentId).execute();
    }
    const doc = await trx
      .selectFrom("documents")
      .select(["id", "project_id"])
      .where("id", "=", documentId)
      .executeTakeFirst();
    if (!doc) return false;
    const entry = {
      document_id: documentId,
      project_id: doc.project_id,
      hashed: mode.hashed ? 1 : 0,
      indexed_at: nowIso(),
    };
    if (isSqlite(trx)) {
      const { id } = await trx
        .insertInto("search_entries")
        .values(entry)
        .returning("id")
        .executeTakeFirstOrThrow();
      await sql`insert into search_terms (rowid, terms) values (${id}, ${terms.join(" ")})`.execute(
        trx,
      );
    } else {
      const vector = tsvectorLiteral(terms);
      await trx
        .insertInto("search_entries")
        .values({ ...entry, terms: sql`${vector}::tsvector` } as never)
        .onConflict((oc) =>
          oc.column("document_id").doUpdateSet({
            hashed: entry.hashed,
            indexed_at: entry.indexed_at,
            terms: sql`${vector}::tsvector`,
          } as never),
        )
        .execute();
    }
    return true;
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/**
 * A `tsvector` in its text form with each term's positions, so that `ts_rank` counts how often a
 * term occurs. Terms are letters and digits only (or hex), so they need no quoting beyond '…'.
 */
function tsvectorLiteral(terms: readonly string[]): string {
  const positions = new Map<string, number[]>();
  terms.forEach((term, i) => {
    const list = positions.get(term) ?? [];
    if (list.length < MAX_POSITIONS) list.push(Math.min(i + 1, MAX_POSITION));
    positions.set(term, list);
  });
  return [...positions]
    .map(
      ([term, at]) => `'${term.replace(/['\\]/g, (c) => `\\${c}`)}':${[...new Set(at)].join(",")}`,
    )
    .join(" ");
}

/** The index entry of a document (for tests and the backfill), or null. */
export async function getSearchEntry(
  db: Db,
  documentId: string,
): Promise<{ projectId: string; hashed: boolean; indexedAt: string } | null> {
  const row = await db
    .selectFrom("search_entries")
    .select(["project_id", "hashed", "indexed_at"])
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return row
    ? { projectId: row.project_id, hashed: row.hashed === 1, indexedAt: row.indexed_at }
    : null;
}

/**
 * Index documents that have no entry yet, or whose entry has the other form (hashed vs clear,
 * after PAGEWISE_ENCRYPTION changed): documents stored before search existed, or indexed before
 * a switch. Only documents whose pipeline finished (their text is complete). At most `limit`
 * per call; returns how many it indexed (0: nothing left). A document that cannot be indexed
 * (its text unreadable) is passed to `onError` and left without an entry.
 */
export async function backfillSearchIndex(
  db: Db,
  options: { limit?: number; onError?: (documentId: string, error: Error) => void } = {},
): Promise<number> {
  const mode = await searchMode(db);
  const rows = await db
    .selectFrom("documents")
    .leftJoin("search_entries", "search_entries.document_id", "documents.id")
    .select("documents.id")
    .where("documents.status", "in", ["processed", "needs_review", "reviewed", "failed"])
    .where((eb) =>
      eb.or([
        eb("search_entries.document_id", "is", null),
        eb("search_entries.hashed", "!=", mode.hashed ? 1 : 0),
      ]),
    )
    .orderBy("documents.created_at")
    .limit(options.limit ?? 100)
    .execute();
  let indexed = 0;
  for (const row of rows) {
    try {
      if (await indexDocumentForSearch(db, row.id)) indexed++;
    } catch (error) {
      if (!options.onError) throw error;
      options.onError(row.id, error as Error);
    }
  }
  return indexed;
}
