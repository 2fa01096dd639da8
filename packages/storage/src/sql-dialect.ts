import { SqliteAdapter } from "kysely";
import type { Db } from "./schema";

/** True when `db` runs on SQLite (else PostgreSQL). */
export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
