import type SQLite from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** Prepared statements kept per database handle (distinct SQL texts; the oldest unused go first). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as kysely's SQLite dialect sees it, with its prepared statements kept by SQL text:
 * kysely prepares every query it runs, and preparing costs as much as running a small insert (a
 * profile of the worker: 0.4 s of 11 s on the main thread over 80 contracts, the search index's
 * large multi-row inserts the most). A statement is reused only one query at a time: kysely holds
 * SQLite's single connection for a query, or for a whole streamed one. SQLite itself prepares a
 * cached statement again when the schema changed under it (a migration).
 */
export function withStatementCache(
  sqlite: SQLite.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last: the map's first key is the one to drop.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
