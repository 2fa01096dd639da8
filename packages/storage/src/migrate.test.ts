import { describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { migrateToLatest } from "./migrate";
import { createTestDatabase, TEST_DIALECTS } from "./testing";

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
