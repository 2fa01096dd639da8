import { randomBytes } from "node:crypto";
import { CompiledQuery, type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countDocumentsByStatus,
  documentListSql,
  listDocuments,
  listReviewQueue,
  reviewQueueCountSql,
  reviewQueuePageSql,
} from "./document-queries";
import { createProject } from "./projects";
import type { Database } from "./schema";
import { isSqlite } from "./sql-dialect";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

/** Documents straight into the table, with chosen timestamps and confidences (ties on purpose). */
async function insertRows(
  db: Kysely<Database>,
  projectId: string,
  rows: { status: string; createdAt: string; confidence: number | null; audit?: boolean }[],
): Promise<string[]> {
  const values = rows.map((r) => ({
    id: `doc_${randomBytes(8).toString("hex")}`,
    project_id: projectId,
    status: r.status,
    filename: "f.pdf",
    mime: null,
    size_bytes: 1,
    sha256: randomBytes(32).toString("hex"),
    blob_key: randomBytes(32).toString("hex"),
    page_count: 1,
    error_code: null,
    error_message: null,
    idempotency_key: null,
    pipeline_run: 1,
    has_imported_layout: 0,
    created_at: r.createdAt,
    updated_at: r.createdAt,
    processed_at: null,
    category: null,
    min_confidence: r.confidence,
    audit_sampled: r.audit ? 1 : 0,
    import_labels: null,
    review_reasons: null,
  }));
  await db.insertInto("documents").values(values).execute();
  return values.map((v) => v.id);
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** Every id of a paged list, page by page, following nextCursor; `between` runs after each page. */
async function walk(
  page: (cursor: string | undefined) => Promise<{ ids: string[]; nextCursor: string | null }>,
  between: (pageNumber: number) => Promise<void> = async () => {},
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < 100; n++) {
    const result = await page(cursor);
    seen.push(...result.ids);
    if (!result.nextCursor) return seen;
    cursor = result.nextCursor;
    await between(n);
  }
  throw new Error("the list never ends");
}

/**
 * The plan of a statement, with the parameters it runs with, when the database must use an
 * index wherever it can (a test table is small enough to scan, a real one is not).
 */
async function planOf(
  db: Kysely<Database>,
  statement: { compile(db: Kysely<Database>): { sql: string; parameters: readonly unknown[] } },
): Promise<string> {
  const { sql: text, parameters } = statement.compile(db);
  return db.transaction().execute(async (trx) => {
    if (isSqlite(trx)) {
      const { rows } = await trx.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
      );
      return rows.map((r) => r.detail).join("\n");
    }
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_sort = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ "QUERY PLAN": string }>(
      CompiledQuery.raw(`explain ${text}`, [...parameters]),
    );
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe.each(TEST_DIALECTS)("keyset paging on %s", (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("migration 0014 made the list's and the review queue's indexes", async () => {
    const names = isSqlite(t.db)
      ? (
          await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(
            t.db,
          )
        ).rows
      : (
          await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema()`.execute(t.db)
        ).rows;
    expect(names.map((r) => r.name)).toEqual(
      expect.arrayContaining(["documents_project_created_id", "documents_review_queue_keyset"]),
    );
  });

  it("walks the review queue page by page without a duplicate or a skip, also while documents arrive", async () => {
    const p = (await createProject(t.db, { name: `queue-${dialect}` })).id;
    const confidences = [null, 0.1, 0.1, 0.5, 0.5, 0.5, 0.9];
    // 70 in the queue (ties on confidence and on created_at), 20 processed (5 audited), 10 failed.
    await insertRows(
      t.db,
      p,
      Array.from({ length: 70 }, (_, i) => ({
        status: "needs_review",
        createdAt: at(i % 9),
        confidence: confidences[i % confidences.length]!,
      })),
    );
    await insertRows(
      t.db,
      p,
      Array.from({ length: 20 }, (_, i) => ({
        status: "processed",
        createdAt: at(i),
        confidence: 0.95,
        audit: i % 4 === 0,
      })),
    );
    await insertRows(
      t.db,
      p,
      Array.from({ length: 10 }, (_, i) => ({
        status: "failed",
        createdAt: at(i),
        confidence: null,
      })),
    );
    const all = await listReviewQueue(t.db, p, { limit: 200 });
    expect(all.total).toBe(75);
    expect(all.items).toHaveLength(75);
    expect(all.nextCursor).toBeNull();
    // The queue's order: confidence (none first), then oldest, then id.
    const key = (d: (typeof all.items)[0]) => [d.minConfidence ?? -1, d.createdAt, d.id] as const;
    const sorted = [...all.items].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1].localeCompare(y[1]) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
    });
    expect(all.items.map((d) => d.id)).toEqual(sorted.map((d) => d.id));

    const page = async (cursor: string | undefined) => {
      const r = await listReviewQueue(t.db, p, { limit: 8, cursor });
      return { ids: r.items.map((d) => d.id), nextCursor: r.nextCursor };
    };
    expect(await walk(page)).toEqual(all.items.map((d) => d.id));

    // Documents arriving during the walk: the ones before the cursor are not shown (the walk
    // passed their place), the ones after it are; nothing already seen comes again.
    const added: string[] = [];
    const seen = await walk(page, async (n) => {
      if (n === 2) {
        added.push(
          ...(await insertRows(t.db, p, [
            { status: "needs_review", createdAt: at(0), confidence: null }, // first place: passed
            { status: "needs_review", createdAt: at(59), confidence: 0.99 }, // last place: shown
          ])),
        );
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...all.items.map((d) => d.id), added[1]]);

    // The deprecated offset still answers the same items.
    const byOffset = await listReviewQueue(t.db, p, { limit: 8, offset: 8 });
    const second = await listReviewQueue(t.db, p, {
      limit: 8,
      cursor: (await listReviewQueue(t.db, p, { limit: 8 })).nextCursor!,
    });
    expect(byOffset.items.map((d) => d.id)).toEqual(second.items.map((d) => d.id));
    await expect(listReviewQueue(t.db, p, { limit: 8, cursor: "bm9wZQ" })).rejects.toThrow(
      /cursor/,
    );
  });

  it("walks the document list newest first without a duplicate or a skip across equal timestamps", async () => {
    const p = (await createProject(t.db, { name: `list-${dialect}` })).id;
    const ids = await insertRows(
      t.db,
      p,
      Array.from({ length: 40 }, (_, i) => ({
        status: i % 3 ? "processed" : "needs_review",
        createdAt: at(i % 6),
        confidence: 0.5,
      })),
    );
    const page = async (cursor: string | undefined) => {
      const r = await listDocuments(t.db, p, { limit: 7, cursor });
      return { ids: r.items.map((d) => d.id), nextCursor: r.nextCursor };
    };
    const added: string[] = [];
    const seen = await walk(page, async (n) => {
      // A new upload (newest: before the cursor, not shown) and an old import (shown at the end).
      if (n === 1) {
        added.push(
          ...(await insertRows(t.db, p, [
            { status: "queued", createdAt: at(30), confidence: null },
            { status: "queued", createdAt: "2025-01-01T00:00:00.000Z", confidence: null },
          ])),
        );
      }
    });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, -1).sort()).toEqual([...ids].sort());
    expect(seen.at(-1)).toBe(added[1]);
    const counts = await countDocumentsByStatus(t.db, p);
    expect(counts).toEqual({ processed: 26, needs_review: 14, queued: 2 });
  });

  it("reads a page, the queue's count and the overview's counts from indexes, never sorting", async () => {
    const p = (await createProject(t.db, { name: `plans-${dialect}` })).id;
    const queuePage = await planOf(
      t.db,
      reviewQueuePageSql(p, {
        limit: 50,
        cursor: Buffer.from(`${JSON.stringify([0.5, at(1)])}|doc_x`).toString("base64url"),
      }),
    );
    expect(queuePage).toMatch(/documents_review_queue_keyset/);
    expect(queuePage).not.toMatch(/TEMP B-TREE|Sort/);
    // The count's index is the planner's choice at this size (PostgreSQL picks by statistics):
    // any index, never the table. bench/list-latency.ts measures it at 100,000 documents.
    const queueCount = await planOf(t.db, reviewQueueCountSql(p));
    expect(queueCount).toMatch(isSqlite(t.db) ? /COVERING INDEX documents_review_queue/ : /Index/);
    expect(queueCount).not.toMatch(/SCAN documents\b(?! USING)|Seq Scan/);
    for (const cursor of [undefined, Buffer.from(`${at(3)}|doc_x`).toString("base64url")]) {
      const { statement } = await documentListSql(t.db, p, { limit: 50, cursor });
      const list = await planOf(t.db, statement);
      expect(list).toMatch(/documents_project_created_id/);
      expect(list).not.toMatch(/TEMP B-TREE|Sort/);
    }
    const counts = await planOf(
      t.db,
      t.db
        .selectFrom("documents")
        .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
        .where("project_id", "=", p)
        .groupBy("status"),
    );
    expect(counts).toMatch(isSqlite(t.db) ? /COVERING INDEX/ : /Index Only Scan/);
  });
});
