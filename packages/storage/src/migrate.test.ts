import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { migrateToLatest, pendingMigrations } from "./migrate";
import { MIGRATIONS } from "./migrations/index";
import { createTestDatabase, TEST_DIALECTS, TEST_POSTGRES_URL, type TestDatabase } from "./testing";

describe.each(TEST_DIALECTS)("migrations on %s", (dialect) => {
  it("run once when several processes migrate one empty database together", async () => {
    // `pagewise start` starts API and worker at once: both migrate a fresh database.
    for (let round = 0; round < 3; round++) {
      const t = await createTestDatabase(dialect, { migrate: false });
      try {
        const runs = await migrateInOtherProcesses(t.url, 3);
        expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined]);
        expect(runs.flatMap((r) => r.applied ?? []).sort()).toEqual(Object.keys(MIGRATIONS).sort());
        expect(await pendingMigrations(t.db)).toEqual([]);
      } finally {
        await t.drop();
      }
    }
  });

  it("run once when several handles of one process migrate together", async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      const others = [createDatabase({ url: t.url }), createDatabase({ url: t.url })];
      const applied = await Promise.all(others.map((o) => migrateToLatest(o.db)));
      expect(applied.flat().sort()).toEqual(Object.keys(MIGRATIONS).sort());
      await Promise.all(others.map((o) => o.close()));
      expect(await migrateToLatest(t.db)).toEqual([]);
    } finally {
      await t.drop();
    }
  });

  it("apply all pending migrations or none", async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      // A table migration 0009 creates: it fails after 0001–0008 ran in the same run, and they
      // roll back with it, so a fixed database migrates from scratch again.
      await sql`create table users (id text)`.execute(t.db);
      await expect(migrateToLatest(t.db)).rejects.toThrow(/0009-users failed/);
      expect(await pendingMigrations(t.db)).toEqual(Object.keys(MIGRATIONS).sort());
      const tables = (await t.db.introspection.getTables()).map((x) => x.name);
      expect(tables).not.toContain("documents");
    } finally {
      await t.drop();
    }
  });
});

/**
 * Run `migrateToLatest` in child processes (each its own connection, as API and worker have), all
 * released at the same moment once every one has loaded: process start-up jitter hid the race.
 */
async function migrateInOtherProcesses(
  url: string,
  count: number,
): Promise<Array<{ applied?: string[]; error?: string }>> {
  const script = [
    'const { createDatabase } = await import(process.argv[1] + "/create-database.ts");',
    'const { migrateToLatest } = await import(process.argv[1] + "/migrate.ts");',
    "const handle = createDatabase({ url: process.argv[2] });",
    'process.stdout.write("ready\\n");',
    'await new Promise((go) => process.stdin.once("data", go));',
    "try { process.stdout.write(JSON.stringify({ applied: await migrateToLatest(handle.db) })); }",
    "catch (e) { process.stdout.write(JSON.stringify({ error: String(e) })); }",
    "finally { await handle.close(); process.stdin.destroy(); }",
  ].join("\n");
  const children = Array.from({ length: count }, () =>
    spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script, import.meta.dirname, url],
      { stdio: ["pipe", "pipe", "inherit"] },
    ),
  );
  const outputs = children.map((child) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
    });
    const ready = new Promise<void>((resolve) => {
      const check = () => (out.startsWith("ready\n") ? resolve() : undefined);
      child.stdout.on("data", check);
    });
    const exited = new Promise<string>((resolve) => child.on("close", () => resolve(out)));
    return { ready, exited };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.write("go\n");
  const results = await Promise.all(outputs.map((o) => o.exited));
  return results.map((out) => JSON.parse(out.slice("ready\n".length)));
}

describe.each(TEST_DIALECTS)("pending migrations on %s", (dialect) => {
  it("are all of them on an empty database, none once migrated, and reading them creates nothing", async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      expect(await pendingMigrations(t.db)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(await t.db.introspection.getTables()).toEqual([]);
      expect(await migrateToLatest(t.db)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(await pendingMigrations(t.db)).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});

describe("migrations on postgres beside other schemas", () => {
  it("migrate a schema while another schema of the same database is already migrated", async () => {
    const first = await createTestDatabase("postgres");
    try {
      const second = await createTestDatabase("postgres");
      try {
        const tables = await second.db.introspection.getTables();
        expect(tables.map((x) => x.name)).toContain("documents");
      } finally {
        await second.drop();
      }
    } finally {
      await first.drop();
    }
  });
});

describe("migrations on postgres while other schemas are dropped", () => {
  it("never read another schema, so its drop cannot fail this one's start", async () => {
    // Another installation (or test) drops its schema while this one starts. Kysely's own
    // introspector read every schema's columns by name at each start and failed with 3F000.
    const churn = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await churn.connect();
    let churning = true;
    const churner = (async () => {
      while (churning) {
        const other = `churn_${randomBytes(6).toString("hex")}`;
        await churn.query(`create schema ${other}`);
        await churn.query(`create table ${other}.t (${COLUMNS})`);
        await churn.query(`drop schema ${other} cascade`);
      }
    })();
    const created: TestDatabase[] = [];
    try {
      for (let i = 0; i < 8; i++) {
        const t = await createTestDatabase("postgres");
        created.push(t);
        const tables = await t.db.introspection.getTables();
        expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([schemaOf(t)]));
        expect(tables.map((x) => x.name)).toContain("documents");
      }
    } finally {
      churning = false;
      await churner;
      await churn.end();
      await Promise.all(created.map((t) => t.drop()));
    }
  });
});

/** Enough columns that each look-up spends time on the tables being dropped. */
const COLUMNS = Array.from({ length: 40 }, (_, i) => `c${i} serial`).join(", ");

const schemaOf = (t: TestDatabase) => new URL(t.url).searchParams.get("schema");
