import { closeSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, type DatabaseConnection, Kysely, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { CurrentSchemaPostgresDialect } from "./current-schema-dialect";
import { ensurePrivateDirSync, PRIVATE_FILE_MODE, restrictOwnedSync } from "./private-files";
import type { Database } from "./schema";
import { withStatementCache } from "./sqlite-statement-cache";
import { StartupError } from "./startup-error";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; a file path or `sqlite://path` selects SQLite. */
  url: string;
  /** PostgreSQL only: run every session in this schema (tests use one schema each). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

const INT8_OID = 20;

/** Open the database the URL names. SQLite runs in WAL mode so API and worker processes share it. */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    // `?schema=name` in the URL (or `options.schema`) scopes every session to one schema.
    const url = new URL(options.url);
    const schema = options.schema ?? url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema: ${schema}`);
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
      // bigint columns hold byte sizes and counts, far below 2^53: read them as numbers.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID
            ? (value: string) => Number(value)
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({
      dialect: new CurrentSchemaPostgresDialect({
        pool,
        // A schema named in the URL that does not exist yet is created (else the first
        // migration fails with "no schema has been selected to create in").
        ...(schema ? { onCreateConnection: (connection) => ensureSchema(connection, schema) } : {}),
      }),
    });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }

  const path = options.url.replace(/^sqlite:(\/\/)?/, "");
  const sqlite = openSqlite(path);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

function openSqlite(path: string): SQLite.Database {
  try {
    if (path !== ":memory:") createPrivateDatabaseFile(path);
    const sqlite = new SQLite(path);
    // Deleted rows are overwritten with zeros, not left in free pages of the file (or the WAL).
    sqlite.pragma("secure_delete = ON");
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 10000");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    return sqlite;
  } catch (error) {
    // A read-only, missing or foreign data folder is an operator's problem: say so in one line.
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(
      `Cannot open the SQLite database ${path} (${reason}). Check that its folder ` +
        `(PAGEWISE_DATA_DIR) exists or can be created, and is writable by this user.`,
      { cause: error },
    );
  }
}

/**
 * The database file's folder is 0700 when Pagewise creates it (an existing one keeps its mode)
 * and the file 0600 before SQLite opens it: SQLite gives its
 * WAL and shared-memory files the mode of the database file, so they are 0600 too. An existing
 * database (and its WAL) of this user is tightened.
 */
function createPrivateDatabaseFile(path: string): void {
  ensurePrivateDirSync(dirname(path), { tightenExisting: false });
  closeSync(openSync(path, "a", PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    restrictOwnedSync(file, PRIVATE_FILE_MODE);
  }
}

/**
 * Create the session schema when missing. Checked first, because CREATE SCHEMA needs the CREATE
 * privilege on the database even when the schema exists; two connections racing to create it
 * are fine (the loser finds it there).
 */
async function ensureSchema(connection: DatabaseConnection, schema: string): Promise<void> {
  const exists = CompiledQuery.raw("select 1 from pg_namespace where nspname = $1", [schema]);
  if ((await connection.executeQuery(exists)).rows.length > 0) return;
  try {
    // The name was validated against [a-z_][a-z0-9_]* above; quoted anyway.
    await connection.executeQuery(CompiledQuery.raw(`create schema if not exists "${schema}"`));
  } catch (error) {
    if ((await connection.executeQuery(exists)).rows.length === 0) throw error;
  }
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
