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

function migratorOf(db: Kysely<Database>, schema: string | undefined): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * The migrations this code has that the database has not run yet, oldest first (all of them on
 * an empty database). Reads only: creates neither the migration tables nor a lock.
 */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrations = await migratorOf(db, await migrationSchema(db)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/**
 * Bring the schema up to date. Safe to call from every process at start: kysely's migrator takes a
 * lock, so concurrent callers wait and then find nothing to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const schema = await migrationSchema(db);
  const migrator = migratorOf(db, schema);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
