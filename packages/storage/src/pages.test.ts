import type { PageLayout } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDocument } from "./documents";
import { getPageImageInfo, getPages, savePageLayout, setPageImage } from "./pages";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

const page: PageLayout = {
  index: 0,
  width: 1240,
  height: 1754,
  source: "text",
  tokens: [
    { id: "0:0", text: "Rechnung", box: [0.1, 0.1, 0.3, 0.12], confidence: 1, line: 0 },
    { id: "0:1", text: "471102", box: [0.35, 0.1, 0.45, 0.12], confidence: 1, line: 0 },
  ],
};

describe.each(TEST_DIALECTS)("pages on %s", (dialect) => {
  let t: TestDatabase;
  let documentId: string;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const project = await createProject(t.db, { name: "p" });
    const { document } = await insertDocument(t.db, {
      projectId: project.id,
      filename: "x.pdf",
      sizeBytes: 1,
      sha256: "a".repeat(64),
      blobKey: "a".repeat(64),
    });
    documentId = document.id;
  });
  afterAll(() => t.drop());

  it("stores a page once however often the same reading result is written", async () => {
    await savePageLayout(t.db, documentId, page);
    await savePageLayout(t.db, documentId, page);
    const pages = await getPages(t.db, documentId);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ ...page, imageKey: null, error: null });
  });

  it("keeps a rendered image key when the layout is written again", async () => {
    await setPageImage(t.db, documentId, 0, "b".repeat(64));
    await savePageLayout(t.db, documentId, page);
    expect(await getPageImageInfo(t.db, documentId, 0)).toEqual({
      imageKey: "b".repeat(64),
      width: 1240,
      height: 1754,
    });
  });
});
