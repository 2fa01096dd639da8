import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache";

describe("withStatementCache", () => {
  it("prepares each SQL text once and gives the same statement back", () => {
    const sqlite = new SQLite(":memory:");
    let prepared = 0;
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof sqlite.prepare;
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare("select 1");
    expect(db.prepare("select 1")).toBe(a);
    db.prepare("select 2");
    db.prepare("select 1"); // now the most recent: "select 2" is the oldest
    db.prepare("select 3"); // evicts "select 2"
    expect(db.prepare("select 1")).toBe(a);
    db.prepare("select 2");
    expect(prepared).toBe(4);
    db.close();
  });

  it("runs kysely's queries, transactions and a migration's schema change on cached statements", async () => {
    const db = new Kysely<{ t: { id: number; name: string } }>({
      dialect: new SqliteDialect({ database: withStatementCache(new SQLite(":memory:")) }),
    });
    await db.schema.createTable("t").addColumn("id", "integer").execute();
    await sql`alter table t add column name text`.execute(db);
    for (let i = 0; i < 3; i++) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("t")
          .values({ id: i, name: `n${i}` })
          .execute();
      });
    }
    const select = () => db.selectFrom("t").selectAll().orderBy("id").execute();
    expect((await select()).map((r) => r.name)).toEqual(["n0", "n1", "n2"]);
    // A cached statement is prepared again by SQLite when the schema changes under it.
    await sql`alter table t add column extra text`.execute(db);
    expect(Object.keys((await select())[0]!)).toEqual(["id", "name", "extra"]);
    await db.destroy();
  });
});
