import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getDocumentResults,
  listEInvoiceDocumentIds,
  saveDocumentResult,
} from "./document-results";
import { insertDocument, transitionDocument } from "./documents";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

const einvoice = { syntax: "cii", attachment: "factur-x.xml", fields: [], lineItems: [] };

describe.each(TEST_DIALECTS)("e-invoice results on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "acme" })).id;
    otherProjectId = (await createProject(t.db, { name: "other" })).id;
  });
  afterAll(() => t.drop());

  async function document(project: string, sha: string, to: "processed" | "needs_review") {
    const { document } = await insertDocument(t.db, {
      projectId: project,
      filename: "invoice.pdf",
      sizeBytes: 1,
      sha256: sha.repeat(64),
      blobKey: sha.repeat(64),
    });
    await transitionDocument(t.db, document.id, { from: ["queued"], to: "processing" });
    await transitionDocument(t.db, document.id, { from: ["processing"], to });
    return document.id;
  }

  it("lists the project's processed documents that have an e-invoice, and only those", async () => {
    const withXml = await document(projectId, "a", "processed");
    const withoutXml = await document(projectId, "b", "processed");
    const waiting = await document(projectId, "c", "needs_review");
    const elsewhere = await document(otherProjectId, "d", "processed");
    for (const id of [withXml, waiting, elsewhere]) {
      await saveDocumentResult(t.db, {
        documentId: id,
        kind: "einvoice",
        modelVersionId: null,
        modelVersion: null,
        data: einvoice,
      });
    }
    expect(await listEInvoiceDocumentIds(t.db, projectId)).toEqual([withXml]);
    const results = await getDocumentResults(t.db, [withXml, withoutXml]);
    expect(results.get(withXml)?.einvoice?.data).toEqual(einvoice);
    expect(results.get(withoutXml)).toBeUndefined();
  });
});
