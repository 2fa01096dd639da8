import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type DatabaseHandle, type Dialect } from "./create-database";
import { migrateToLatest } from "./migrate";

/**
 * Real databases for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL database
 * named by `PAGEWISE_TEST_POSTGRES_URL` (default: the local `test` database). Never mocks.
 */
export const TEST_POSTGRES_URL =
  process.env.PAGEWISE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const TEST_DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];

export interface TestDatabase extends DatabaseHandle {
  /** A DATABASE_URL that other processes can use to reach the same database. */
  url: string;
  /** Close and remove the database (file or schema). */
  drop(): Promise<void>;
}

export async function createTestDatabase(
  dialect: Dialect,
  /** `migrate: false` leaves the database empty (for tests of the migrations themselves). */
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pagewise-db-"));
    const url = join(dir, "pagewise.sqlite");
    const handle = createDatabase({ url });
    if (migrate) await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  const handle = createDatabase({ url, poolSize: 4 });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
