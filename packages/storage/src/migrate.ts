import { type Kysely, Migrator, PostgresAdapter, sql } from "kysely";
import { MIGRATIONS } from "./migrations/index";
import type { Database } from "./schema";

/**
 * The PostgreSQL schema this connection works in (its search_path), or undefined on SQLite.
 * Kysely's migrator otherwise finds its tables in *any* schema: with a second schema in the same
 * database (tests, several installations) it would think this one is migrated and fail.
 */
async function migrationSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

/**
 * Bring the schema up to date. Safe to call from every process at start: kysely's migrator takes a
 * lock, so concurrent callers wait and then find nothing to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const schema = await migrationSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
