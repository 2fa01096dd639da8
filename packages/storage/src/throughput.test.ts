import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDocument, transitionDocument } from "./documents";
import { createProject } from "./projects";
import { insertReview } from "./reviews";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import { dailyThroughput } from "./throughput";

describe.each(TEST_DIALECTS)("daily throughput on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("counts finished documents and reviews per UTC day, keeping the pipeline's finish time", async () => {
    const project = await createProject(t.db, { name: "tp" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { document } = await insertDocument(t.db, {
        projectId: project.id,
        filename: `${i}.pdf`,
        sizeBytes: 1,
        sha256: String(i).repeat(64),
        blobKey: String(i).repeat(64),
      });
      ids.push(document.id);
    }
    await transitionDocument(t.db, ids[0]!, { from: ["queued"], to: "processed" });
    await transitionDocument(t.db, ids[1]!, { from: ["queued"], to: "needs_review" });
    await transitionDocument(t.db, ids[2]!, { from: ["queued"], to: "failed" });
    await insertReview(t.db, {
      projectId: project.id,
      documentId: ids[1]!,
      actor: "tok",
      source: "review",
      complete: true,
      category: "receipt",
      fields: [],
      previous: {},
      labelSchemaVersion: 1,
    });
    const before = (await dailyThroughput(t.db, project.id, 7)).at(-1);
    await transitionDocument(t.db, ids[1]!, { from: ["needs_review"], to: "reviewed" });
    const days = await dailyThroughput(t.db, project.id, 7);
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toEqual({
      day: new Date().toISOString().slice(0, 10),
      processed: 2,
      failed: 1,
      reviewed: 1,
    });
    expect(days.at(-1)).toEqual(before);
    expect(days.slice(0, 6).every((d) => d.processed + d.failed + d.reviewed === 0)).toBe(true);
  });
});
