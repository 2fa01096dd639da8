import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * Full-text search over a document's text, field values and file name. `search_entries` has one
 * row per indexed document (deleted with it); its terms are, with encryption on, keyed hashes of
 * the words (never the words), else the words. PostgreSQL keeps them in a `tsvector` column with
 * a GIN index; SQLite in the FTS5 table `search_terms`, whose rowid is the entry's `id` (a trigger
 * deletes the terms with the entry, also when the document's deletion cascades to it).
 * `search_keys` holds the search key, wrapped by the master key. Existing documents are indexed
 * by the worker's search backfill (see docs/api.md).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("search_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key_id", "text", (c) => c.notNull())
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await db.schema
      .createTable("search_entries")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("document_id", "text", (c) =>
        c.notNull().unique().references("documents.id").onDelete("cascade"),
      )
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("hashed", "integer", (c) => c.notNull())
      .addColumn("indexed_at", "text", (c) => c.notNull())
      .execute();
    // The terms are already normalized (see search-terms.ts); unicode61 only splits on spaces.
    await sql`create virtual table search_terms using fts5(terms, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
    await sql`create trigger search_entries_delete after delete on search_entries begin delete from search_terms where rowid = old.id; end`.execute(
      db,
    );
  } else {
    await db.schema
      .createTable("search_entries")
      .addColumn("document_id", "text", (c) =>
        c.primaryKey().references("documents.id").onDelete("cascade"),
      )
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("hashed", "integer", (c) => c.notNull())
      .addColumn("indexed_at", "text", (c) => c.notNull())
      .addColumn("terms", sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_entries_terms on search_entries using gin (terms)`.execute(db);
  }
  await db.schema
    .createIndex("search_entries_project")
    .on("search_entries")
    .column("project_id")
    .execute();
}
