import type { ReviewReason } from "@pagewise/core";
import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocument, insertDocument, transitionDocument } from "./documents";
import { migrateToLatest } from "./migrate";
import { MIGRATIONS } from "./migrations/index";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

describe.each(TEST_DIALECTS)("review reasons on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "acme" })).id;
  });
  afterAll(() => t.drop());

  it("are stored with the document's final status and read back as they were decided", async () => {
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: "r.pdf",
      sizeBytes: 1,
      sha256: "a".repeat(64),
      blobKey: "a".repeat(64),
    });
    expect(document.reviewReasons).toEqual([]);
    const reasons: ReviewReason[] = [
      { code: "low_confidence", field: null, confidence: 0.41 },
      { code: "missing_required", field: "total", confidence: null },
    ];
    await transitionDocument(t.db, document.id, { from: ["queued"], to: "processing" });
    await transitionDocument(t.db, document.id, {
      from: ["processing"],
      to: "needs_review",
      reviewReasons: reasons,
    });
    expect((await getDocument(t.db, projectId, document.id))?.reviewReasons).toEqual(reasons);
  });
});

describe.each(TEST_DIALECTS)("migration 0003 on %s", (dialect) => {
  it("gives documents finished before it their reasons from the words of their events", async () => {
    const t = await createTestDatabase(dialect, { migrate: false });
    try {
      const schema = dialect === "postgres" ? new URL(t.url).searchParams.get("schema") : null;
      const migrator = new Migrator({
        db: t.db,
        provider: { getMigrations: async () => MIGRATIONS },
        ...(schema ? { migrationTableSchema: schema } : {}),
      });
      expect((await migrator.migrateTo("0002-learning-loop")).error).toBeUndefined();
      const projectId = (await createProject(t.db, { name: "old" })).id;
      const now = new Date().toISOString();
      const old = async (id: string, status: string, audit: number, words?: string[]) => {
        await sql`insert into documents (id, project_id, status, filename, size_bytes, sha256,
          blob_key, pipeline_run, has_imported_layout, created_at, updated_at, audit_sampled)
          values (${id}, ${projectId}, ${status}, ${`${id}.pdf`}, 1, ${"b".repeat(64)},
          ${"b".repeat(64)}, 1, 0, ${now}, ${now}, ${audit})`.execute(t.db);
        if (words) {
          await sql`insert into events (id, project_id, document_id, type, data, created_at)
            values (${`evt_${id}`}, ${projectId}, ${id}, 'document.processed',
            ${JSON.stringify({ status, reasons: words })}, ${now})`.execute(t.db);
        }
      };
      await old("doc_a", "needs_review", 0, [
        "category below threshold",
        "total below threshold",
        "date missing",
      ]);
      await old("doc_b", "needs_review", 0, ["no model"]);
      await old("doc_c", "processed", 1, []);
      await old("doc_d", "processed", 0, []);
      expect((await migrateToLatest(t.db))[0]).toBe("0003-review-reasons");

      const reasonsOf = async (id: string) =>
        (await getDocument(t.db, projectId, id))?.reviewReasons;
      expect(await reasonsOf("doc_a")).toEqual([
        { code: "low_confidence", field: null, confidence: null },
        { code: "low_confidence", field: "total", confidence: null },
        { code: "missing_required", field: "date", confidence: null },
      ]);
      expect(await reasonsOf("doc_b")).toEqual([
        { code: "no_model", field: null, confidence: null },
      ]);
      expect(await reasonsOf("doc_c")).toEqual([
        { code: "audit_sample", field: null, confidence: null },
      ]);
      expect(await reasonsOf("doc_d")).toEqual([]);
    } finally {
      await t.drop();
    }
  });
});
