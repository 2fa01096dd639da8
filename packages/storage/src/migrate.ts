import {
  type Kysely,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  SqliteAdapter,
  sql,
} from "kysely";
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
 * Bring the schema up to date. Safe to call from every process at start: concurrent callers wait
 * for the one migrating and then find nothing to do. On PostgreSQL kysely's migrator takes an
 * advisory lock; on SQLite its lock is a no-op (it assumes one process), so the whole run holds
 * SQLite's write lock instead (API and worker started together both migrate a fresh file).
 * Pending migrations apply all or none on both: a failing one rolls back the ones before it.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const schema = await migrationSchema(db);
  const migrator = migratorOf(db, schema);
  const run = () => migrator.migrateToLatest();
  const { error, results } =
    db.getExecutor().adapter instanceof SqliteAdapter
      ? await oneAtATime(() => withSqliteWriteLock(db, run))
      : await run();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

let sqliteMigrations: Promise<unknown> = Promise.resolve();

/**
 * SQLite migrations of this process, one after another. better-sqlite3 waits for a lock
 * synchronously: a second handle here waiting for the first one's write lock would block the
 * event loop the first one needs to finish.
 */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const result = sqliteMigrations.then(task);
  sqliteMigrations = result.catch(() => undefined);
  return result;
}

/** How long a process waits for another one's migrations before it gives up. */
const SQLITE_MIGRATION_WAIT_MS = 10 * 60_000;

/**
 * Run `migrate` inside one `BEGIN IMMEDIATE` transaction: it takes the file's write lock before the
 * migration table is read, so a second process waits here and then reads the finished state.
 * Kysely's SQLite driver has a single connection, so the migrator's statements all run in it
 * (nothing else uses the connection while a process starts). SQLite's DDL is transactional.
 */
async function withSqliteWriteLock(
  db: Kysely<Database>,
  migrate: () => Promise<MigrationResultSet>,
): Promise<MigrationResultSet> {
  const deadline = Date.now() + SQLITE_MIGRATION_WAIT_MS;
  for (;;) {
    try {
      await sql`begin immediate`.execute(db);
      break;
    } catch (error) {
      // busy_timeout already waited; a long migration elsewhere may still hold the lock.
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
    }
  }
  let outcome: MigrationResultSet;
  try {
    outcome = await migrate();
  } catch (error) {
    await rollback(db);
    throw error;
  }
  if (outcome.error) await rollback(db);
  else await sql`commit`.execute(db);
  return outcome;
}

/**
 * Undo the failed run. SQLite has already rolled back by itself after some errors (a full disk,
 * an I/O error), and a second `rollback` would then fail with "no transaction is active" and hide
 * the migration's own error, which is the one to report.
 */
async function rollback(db: Kysely<Database>): Promise<void> {
  await sql`rollback`.execute(db).catch(() => undefined);
}
