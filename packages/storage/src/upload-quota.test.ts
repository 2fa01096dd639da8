import { isPagewiseError, type PagewiseError } from "@pagewise/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDocument } from "./documents";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import { checkUploadQuota } from "./upload-quota";

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)("upload quota counting on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  /** A document uploaded `hoursAgo` hours before `now`, with `pages` pages once read. */
  async function uploaded(projectId: string, now: number, hoursAgo: number, pages: number | null) {
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: "d.pdf",
      sizeBytes: 1,
      sha256: crypto.randomUUID().replaceAll("-", "").padEnd(64, "0"),
      blobKey: "k",
    });
    await t.db
      .updateTable("documents")
      .set({ created_at: new Date(now - hoursAgo * HOUR).toISOString(), page_count: pages })
      .where("id", "=", document.id)
      .execute();
  }
  const refusal = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      if (isPagewiseError(error)) return error as PagewiseError;
      throw error;
    }
    return null;
  };

  it("waits for the oldest documents whose pages bring the window below pagesPerDay", async () => {
    const project = await createProject(t.db, { name: "pages" });
    const now = Date.now();
    await uploaded(project.id, now, 20, 3);
    await uploaded(project.id, now, 10, 2);
    await uploaded(project.id, now, 5, null); // not read yet: no pages counted
    await uploaded(project.id, now, 30, 100); // out of the window
    const limits = { documentsPerDay: null, pagesPerDay: 5 };
    const error = await refusal(() => checkUploadQuota(t.db, project.id, limits, 1, now));
    expect(error?.code).toBe("quota_exceeded");
    // 5 pages at the quota: the 20-hour-old document's 3 pages leave in 4 hours, leaving 2.
    expect(error?.details).toMatchObject({
      quota: "pagesPerDay",
      used: 5,
      retryAfterSeconds: 4 * 3600,
    });
    expect(
      await refusal(() =>
        checkUploadQuota(t.db, project.id, { ...limits, pagesPerDay: 6 }, 1, now),
      ),
    ).toBeNull();
  });

  it("counts documents of the window only, and a request larger than the quota waits for all", async () => {
    const project = await createProject(t.db, { name: "docs" });
    const now = Date.now();
    for (const hoursAgo of [23, 12, 2, 25]) await uploaded(project.id, now, hoursAgo, 1);
    const limits = { documentsPerDay: 4, pagesPerDay: null };
    expect(await refusal(() => checkUploadQuota(t.db, project.id, limits, 1, now))).toBeNull();
    const two = await refusal(() => checkUploadQuota(t.db, project.id, limits, 2, now));
    expect(two?.details).toMatchObject({ used: 3, requested: 2, retryAfterSeconds: 3600 });
    const three = await refusal(() => checkUploadQuota(t.db, project.id, limits, 3, now));
    expect(three?.details).toMatchObject({ retryAfterSeconds: 12 * 3600 });
    const five = await refusal(() => checkUploadQuota(t.db, project.id, limits, 5, now));
    expect(five?.message).toContain("send at most 4 at a time");
    expect(five?.details).toMatchObject({ retryAfterSeconds: 22 * 3600 });
  });

  it("reads the window by the documents_project_created index, not by scanning documents", async () => {
    const since = new Date(Date.now() - 24 * HOUR).toISOString();
    if (dialect === "sqlite") {
      const plan = await sql<{
        detail: string;
      }>`explain query plan select count(*), sum(page_count) from documents where project_id = ${"prj_x"} and created_at > ${since}`.execute(
        t.db,
      );
      expect(plan.rows.map((r) => r.detail).join("\n")).toContain("documents_project_created");
    } else {
      // A tiny table is cheaper to scan: forbid that, and see which index the planner takes.
      const plan = await t.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{
          "QUERY PLAN": string;
        }>`explain select count(*), sum(page_count) from documents where project_id = ${"prj_x"} and created_at > ${since}`.execute(
          trx,
        );
      });
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain(
        "documents_project_created",
      );
    }
  });
});
