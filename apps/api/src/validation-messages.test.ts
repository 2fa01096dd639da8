import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

interface ErrorJson {
  error: {
    code: string;
    message: string;
    details?: { issues?: { in: string; path: string; message: string }[] };
  };
}

// Validation is the same on both databases (it happens before any query): one is enough.
describe("validation messages in the API's own words", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi("sqlite");
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: t.auth(t.adminToken) });
    return { status: res.status, body: (await res.json()) as ErrorJson };
  };

  it("names a query parameter that is not a number and what it must be", async () => {
    const { status, body } = await get("/v1/projects/default/documents?limit=abc");
    expect(status).toBe(400);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("Query parameter 'limit' must be a number (got 'abc').");
    expect(body.error.message).not.toMatch(/NaN|received/);
    expect(body.error.details?.issues).toEqual([
      { in: "query", path: "limit", message: body.error.message },
    ]);
  });

  it("says the allowed values and bounds, and counts the other problems", async () => {
    const { body } = await get("/v1/projects/default/documents?status=bogus&limit=0");
    expect(body.error.message).toBe(
      "Query parameter 'status' must be one of queued, processing, processed, needs_review, " +
        "reviewed, failed (got 'bogus'). One more problem is listed in details.issues.",
    );
    expect(body.error.details?.issues?.[1]?.message).toBe(
      "Query parameter 'limit' must be at least 1 (got '0').",
    );
    const queue = await get("/v1/projects/default/review-queue?offset=-1");
    expect(queue.body.error.message).toBe(
      "Query parameter 'offset' must be at least 0 (got '-1').",
    );
  });

  it("names a missing or mistyped field of a JSON body", async () => {
    const res = await t.app.request("/v1/projects/default/documents/doc_x/review", {
      method: "PUT",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ fields: [{ name: 7, value: "x" }] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.details?.issues?.map((i) => i.message)).toEqual([
      "Field 'fields.0.name' must be text (got 7).",
      "Field 'complete' is required.",
    ]);
  });

  it("tells a client that sent no file how to send one", async () => {
    const noFile = new FormData();
    noFile.append("document", "x");
    for (const body of [noFile, new FormData()]) {
      const res = await t.app.request("/v1/projects/default/documents", {
        method: "POST",
        headers: t.auth(t.adminToken),
        body,
      });
      expect(res.status).toBe(400);
      const json = (await res.json()) as ErrorJson;
      expect(json.error.code).toBe("validation_failed");
      expect(json.error.message).toBe(
        "No file to upload: send the document as multipart/form-data in a field named `file` " +
          "(repeat the field for several files).",
      );
    }
    // A `file` field holding text instead of a file is the same mistake.
    const text = new FormData();
    text.append("file", "just text");
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(t.adminToken),
      body: text,
    });
    expect(((await res.json()) as ErrorJson).error.message).toMatch(/^No file to upload/);
  });
});
