import type { ExtractedField } from "@pagewise/core";
import { getSplit } from "@pagewise/registry";
import {
  getProjectByName,
  insertDocument,
  saveDocumentResult,
  savePageLayout,
  transitionDocument,
} from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

/** A receipt the models have read: words on the page and predictions with boxes. */
async function predictedReceipt(t: TestApi, n: number) {
  const project = (await getProjectByName(t.db, "default"))!;
  const { document } = await insertDocument(t.db, {
    projectId: project.id,
    filename: `r${n}.pdf`,
    sizeBytes: 1,
    sha256: String(n).repeat(64),
    blobKey: String(n).repeat(64),
  });
  const words = ["KEDAI", "MAJU", "25/12/2018", "TOTAL", "529,87"];
  await savePageLayout(t.db, document.id, {
    index: 0,
    width: 400,
    height: 800,
    source: "import",
    tokens: words.map((text, i) => ({
      id: `0:${i}`,
      text,
      box: [0.1, 0.1 * (i + 1), 0.5, 0.1 * (i + 1) + 0.05],
      confidence: 1,
      line: i,
    })),
  });
  const field = (name: string, value: string, ids: string[]): ExtractedField => ({
    name,
    value,
    normalized: null,
    confidence: 0.5,
    page: 0,
    box: [0.1, 0.1, 0.5, 0.2],
    tokenIds: ids,
  });
  await saveDocumentResult(t.db, {
    documentId: document.id,
    kind: "classification",
    modelVersionId: null,
    modelVersion: 1,
    data: { category: "receipt", confidence: 0.9 },
  });
  await saveDocumentResult(t.db, {
    documentId: document.id,
    kind: "extraction",
    modelVersionId: null,
    modelVersion: 1,
    data: [
      field("company", "KEDAI MAJU", ["0:0", "0:1"]),
      field("date", "25/12/2018", ["0:2"]),
      field("total", "529,87", ["0:4"]),
      field("address", "TOTAL", ["0:3"]),
    ],
  });
  await transitionDocument(t.db, document.id, {
    from: ["queued"],
    to: "needs_review",
    category: "receipt",
  });
  return document.id;
}

describe.each(TEST_DIALECTS)("saving a review on %s", (dialect) => {
  let t: TestApi;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  const put = (id: string, body: unknown) =>
    t.app.request(`/v1/projects/default/documents/${id}/review`, {
      method: "PUT",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("refuses a complete review that leaves a required field unaccounted for, naming it", async () => {
    const id = await predictedReceipt(t, ++n);
    const res = await put(id, {
      fields: [{ name: "company", value: "KEDAI MAJU" }],
      complete: true,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { missing: string[] } };
    };
    expect(body.error.code).toBe("incomplete_review");
    expect(body.error.details.missing).toEqual(["date", "total"]);
    expect(body.error.message).toMatch(/date, total/);
    // A blank value is no value.
    const blank = await put(id, {
      fields: [
        { name: "company", value: "KEDAI MAJU" },
        { name: "total", value: "529.87" },
        { name: "date", value: "  " },
      ],
      complete: true,
    });
    expect(blank.status).toBe(422);
    const doc = (await (
      await t.app.request(`/v1/projects/default/documents/${id}`, { headers: t.auth(t.adminToken) })
    ).json()) as { status: string; review: unknown };
    expect(doc).toMatchObject({ status: "needs_review", review: null });
  });

  it("pins the split a reviewer asks for, and refuses to move it with nothing stored", async () => {
    const id = await predictedReceipt(t, ++n);
    const fields = [
      { name: "company", value: "KEDAI MAJU" },
      { name: "date", value: "25/12/2018" },
      { name: "total", value: "529.87" },
    ];
    const pinned = await put(id, {
      fields,
      absent: ["address"],
      complete: true,
      split: "validation",
    });
    expect(pinned.status).toBe(200);
    const project = (await getProjectByName(t.db, "default"))!;
    expect(await getSplit(t.db, project.id, id)).toBe("validation");
    const moved = await put(id, {
      fields: [{ name: "company", value: "OTHER" }, ...fields.slice(1)],
      absent: ["address"],
      complete: true,
      split: "train",
    });
    expect(moved.status).toBe(409);
    const body = (await moved.json()) as { error: { code: string; details: { split: string } } };
    expect(body.error).toMatchObject({
      code: "split_already_assigned",
      details: { split: "validation" },
    });
    const doc = (await (
      await t.app.request(`/v1/projects/default/documents/${id}`, { headers: t.auth(t.adminToken) })
    ).json()) as { review: { fields: { name: string; value: string }[] } };
    expect(doc.review.fields.find((f) => f.name === "company")?.value).toBe("KEDAI MAJU");
  });

  it("still takes a partial save without the rule", async () => {
    const id = await predictedReceipt(t, ++n);
    const res = await put(id, { fields: [{ name: "company", value: "KEDAI" }], complete: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "needs_review",
      review: { complete: false, absent: [] },
    });
  });

  it("refuses absent marks for unknown fields and for fields also given", async () => {
    const id = await predictedReceipt(t, ++n);
    const unknown = await put(id, { fields: [], absent: ["vendor"], complete: false });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
    const both = await put(id, {
      fields: [{ name: "date", value: "25/12/2018" }],
      absent: ["date"],
      complete: false,
    });
    expect(both.status).toBe(400);
  });

  it("stores absent fields and judges verdicts on normalized values, keeping the raw ones", async () => {
    const id = await predictedReceipt(t, ++n);
    const res = await put(id, {
      fields: [
        { name: "company", value: "kedai  maju" },
        { name: "total", value: "529.87" },
      ],
      absent: ["date"],
      complete: true,
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      status: string;
      review: {
        absent: string[];
        fields: { name: string; value: string; normalized: string | null; verdict: string }[];
      };
    };
    expect(doc.status).toBe("reviewed");
    expect(doc.review.absent).toEqual(["date"]);
    expect(doc.review.fields).toEqual([
      expect.objectContaining({
        name: "company",
        value: "kedai  maju",
        normalized: "kedai maju",
        verdict: "accepted",
      }),
      expect.objectContaining({
        name: "total",
        value: "529.87",
        normalized: "529.87",
        verdict: "accepted",
      }),
    ]);
    const log = await t.app.request(`/v1/projects/default/audit-events?targetId=${id}`, {
      headers: t.auth(t.adminToken),
    });
    const entries = ((await log.json()) as { items: { action: string }[] }).items;
    expect(entries.map((e) => e.action)).toEqual(["review.completed"]);
  });

  it("records a different amount as corrected and a date written another way as accepted", async () => {
    const id = await predictedReceipt(t, ++n);
    const res = await put(id, {
      fields: [
        { name: "company", value: "KEDAI MAJU" },
        { name: "date", value: "2018-12-25" },
        { name: "total", value: "592.87" },
      ],
      complete: true,
    });
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      review: { fields: { name: string; normalized: string | null; verdict: string }[] };
    };
    const byName = Object.fromEntries(doc.review.fields.map((f) => [f.name, f]));
    expect(byName.date).toMatchObject({ normalized: "2018-12-25", verdict: "accepted" });
    expect(byName.total).toMatchObject({ normalized: "592.87", verdict: "corrected" });
  });
});
