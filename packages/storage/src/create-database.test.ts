import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "./create-database";
import { ensureWritableDir } from "./data-dir";
import { migrateToLatest } from "./migrate";
import { StartupError } from "./startup-error";
import { TEST_POSTGRES_URL } from "./testing";

describe("a PostgreSQL URL with ?schema=", () => {
  const schema = `fresh_${randomBytes(6).toString("hex")}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  it("creates the schema when it does not exist yet, even from several processes at once", async () => {
    const sep = TEST_POSTGRES_URL.includes("?") ? "&" : "?";
    const url = `${TEST_POSTGRES_URL}${sep}schema=${schema}`;
    const handles = [createDatabase({ url }), createDatabase({ url })];
    try {
      await Promise.all(handles.map((h) => migrateToLatest(h.db)));
      const tables = await handles[0]!.db.introspection.getTables();
      expect(tables.filter((t) => t.schema === schema).map((t) => t.name)).toContain("documents");
    } finally {
      await Promise.all(handles.map((h) => h.close()));
    }
  });

  it("refuses a schema name that is not a plain identifier", () => {
    expect(() => createDatabase({ url: `${TEST_POSTGRES_URL}?schema=a";drop` })).toThrow(
      /Invalid schema/,
    );
  });
});

describe("a data folder that cannot be used", () => {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-baddir-"));
  // A file where the data folder should be: mkdir fails even for root (chmod would not).
  const notADir = join(dir, "file");
  writeFileSync(notADir, "");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives a StartupError that names the folder, for the database and for the blobs", () => {
    const url = join(notADir, "data", "pagewise.sqlite");
    expect(() => createDatabase({ url })).toThrow(StartupError);
    expect(() => createDatabase({ url })).toThrow(/Cannot open the SQLite database .*ENOTDIR/);
    expect(() => ensureWritableDir(join(notADir, "blobs"))).toThrow(StartupError);
  });
});
