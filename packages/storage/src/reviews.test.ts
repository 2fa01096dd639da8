import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDocument, transitionDocument } from "./documents";
import { createProject } from "./projects";
import { getLatestReview, insertReview, listLabeledDocuments } from "./reviews";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import { nowIso } from "./time";

describe.each(TEST_DIALECTS)("reviews on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  async function reviewedDocument(projectId: string, n: number) {
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: `${n}.pdf`,
      sizeBytes: 1,
      sha256: String(n).repeat(64),
      blobKey: String(n).repeat(64),
    });
    await transitionDocument(t.db, document.id, { from: ["queued"], to: "reviewed" });
    return document.id;
  }

  it("keep the fields a reviewer marked absent, and read older rows as none", async () => {
    const project = await createProject(t.db, { name: "absent" });
    const marked = await reviewedDocument(project.id, 1);
    const older = await reviewedDocument(project.id, 2);
    const saved = await insertReview(t.db, {
      projectId: project.id,
      documentId: marked,
      actor: "tok",
      source: "review",
      complete: true,
      category: "receipt",
      fields: [
        {
          name: "total",
          value: "9,00",
          normalized: "9.00",
          tokenIds: [],
          aligned: false,
          verdict: "accepted",
        },
      ],
      absent: ["date"],
      previous: {},
      labelSchemaVersion: 1,
    });
    expect(saved.absent).toEqual(["date"]);
    expect((await getLatestReview(t.db, marked))?.absent).toEqual(["date"]);

    // A row written without the column (as every review before migration 0004 was).
    await t.db
      .insertInto("reviews")
      .values({
        id: "rev_older",
        project_id: project.id,
        document_id: older,
        actor: "tok",
        source: "review",
        complete: 1,
        category: "receipt",
        fields: "[]",
        previous: "{}",
        label_schema_version: 1,
        created_at: nowIso(),
      } as never)
      .execute();
    expect((await getLatestReview(t.db, older))?.absent).toEqual([]);

    const labeled = await listLabeledDocuments(t.db, project.id);
    expect(labeled.map((r) => [r.documentId, r.absent, r.fields[0]?.normalized ?? null])).toEqual(
      [
        [marked, ["date"], "9.00"],
        [older, [], null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});
