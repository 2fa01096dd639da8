import type { VendorObservation } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteDocument, insertDocument } from "./documents";
import { createProject } from "./projects";
import { insertReview } from "./reviews";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import {
  listUnlearnedReviews,
  listVendorObservations,
  saveVendorObservation,
} from "./vendor-memory";

const observation: VendorObservation = {
  category: "invoice",
  vendor: { name: "BEISPIELGMBH", vatIds: [], ibans: [], taxNumbers: [] },
  fields: [
    {
      name: "total",
      type: "amount",
      page: 0,
      box: [0.5, 0.5, 0.6, 0.52],
      tokenCount: 1,
      lineCount: 1,
      anchor: { key: "TOTAL", box: [0.4, 0.5, 0.45, 0.52], relation: "left" },
    },
  ],
};

describe.each(TEST_DIALECTS)("vendor memory rows on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("learn each document's newest complete review once, and go with the document", async () => {
    const project = await createProject(t.db, { name: "memory" });
    const { document } = await insertDocument(t.db, {
      projectId: project.id,
      filename: "a.pdf",
      sizeBytes: 1,
      sha256: "a".repeat(64),
      blobKey: "a".repeat(64),
    });
    const review = await insertReview(t.db, {
      projectId: project.id,
      documentId: document.id,
      actor: "tok",
      source: "review",
      complete: true,
      category: "invoice",
      fields: [{ name: "total", value: "9.00", normalized: "9.00", tokenIds: [], aligned: false }],
      previous: {},
      labelSchemaVersion: 1,
    });
    const unlearned = await listUnlearnedReviews(t.db, project.id);
    expect(unlearned.map((r) => [r.reviewId, r.fields[0]?.value])).toEqual([[review.id, "9.00"]]);
    await saveVendorObservation(t.db, {
      projectId: project.id,
      documentId: document.id,
      reviewId: review.id,
      reviewCreatedAt: review.createdAt,
      vendorKey: "k1",
      observation,
    });
    expect(await listUnlearnedReviews(t.db, project.id)).toEqual([]);
    expect(await listVendorObservations(t.db, project.id)).toEqual([
      { documentId: document.id, vendorKey: "k1", observation },
    ]);
    // One vendor's rows only: another vendor's are not read.
    expect(await listVendorObservations(t.db, project.id, { vendorKey: "k1" })).toHaveLength(1);
    expect(await listVendorObservations(t.db, project.id, { vendorKey: "k2" })).toEqual([]);
    await deleteDocument(t.db, project.id, document.id);
    expect(await listVendorObservations(t.db, project.id)).toEqual([]);
  });
});
