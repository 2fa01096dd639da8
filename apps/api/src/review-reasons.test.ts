import type { ReviewReason } from "@pagewise/core";
import { transitionDocument } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");

describe.each(TEST_DIALECTS)("review reasons in the API on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  it("shows why a document waits in the list, the document and the review queue", async () => {
    const body = new FormData();
    body.append("file", new File([pdf], "r.pdf"));
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(t.adminToken),
      body,
    });
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    // What the worker's finalize stores (tested in the worker); here, what the API shows of it.
    const reasons: ReviewReason[] = [
      { code: "missing_required", field: "total", confidence: null },
      { code: "low_confidence", field: null, confidence: 0.31 },
    ];
    await transitionDocument(t.db, id, { from: ["queued"], to: "processing" });
    await transitionDocument(t.db, id, {
      from: ["processing"],
      to: "needs_review",
      minConfidence: 0.31,
      reviewReasons: reasons,
    });

    const get = (path: string) =>
      t.app.request(`/v1/projects/default${path}`, { headers: t.auth(t.adminToken) });
    const one = (await (await get(`/documents/${id}`)).json()) as { reviewReasons: unknown };
    expect(one.reviewReasons).toEqual(reasons);
    const list = (await (await get("/documents")).json()) as {
      items: { id: string; reviewReasons: unknown }[];
    };
    expect(list.items.find((d) => d.id === id)?.reviewReasons).toEqual(reasons);
    const queue = (await (await get("/review-queue")).json()) as {
      items: { id: string; reviewReasons: unknown }[];
    };
    expect(queue.items.find((d) => d.id === id)?.reviewReasons).toEqual(reasons);
  });

  it("describes the reasons in the OpenAPI document as one named component", async () => {
    const doc = (await (await t.app.request("/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const { schemas } = doc.components;
    expect(schemas.Document?.properties.reviewReasons).toEqual({
      type: "array",
      items: { $ref: "#/components/schemas/ReviewReason" },
    });
    expect(schemas.ReviewReason?.properties.code).toMatchObject({
      enum: ["missing_required", "low_confidence", "no_model", "audit_sample"],
    });
  });
});
