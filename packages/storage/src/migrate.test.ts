import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { migrateToLatest, pendingMigrations } from "./migrate";
import { MIGRATIONS } from "./migrations/index";
import { createTestDatabase, TEST_DIALECTS, TEST_POSTGRES_URL, type TestDatabase } from "./testing";

describe.each(TEST_DIALECTS)("migrations on %s", (dialect) => {
  it("run once even when several processes start together", async () => {
    const t = await createTestDatabase(dialect);
    try {
      const others = [createDatabase({ url: t.url }), createDatabase({ url: t.url })];
      const applied = await Promise.all(others.map((o) => migrateToLatest(o.db)));
      expect(applied.flat()).toEqual([]);
      await Promise.all(others.map((o) => o.close()));
      const tables = await t.db.introspection.getTables();
      expect(tables.map((x) => x.name)).toEqual(
        expect.arrayContaining(["projects", "api_tokens", "documents", "pages", "events"]),
      );
    } finally {
      await t.drop();
    }
  });
});

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
