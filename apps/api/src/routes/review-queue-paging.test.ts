import { transitionDocument } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

interface QueuePage {
  items: { id: string }[];
  total: number;
  nextCursor: string | null;
}

describe.each(TEST_DIALECTS)("review queue paging in the API on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  const get = async (query: string) => {
    const res = await t.app.request(`/v1/projects/default/review-queue?${query}`, {
      headers: t.auth(t.adminToken),
    });
    return { status: res.status, body: (await res.json()) as QueuePage };
  };

  it("pages by nextCursor through the whole queue once, and still answers the deprecated offset", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = new FormData();
      body.append(
        "file",
        new File([new TextEncoder().encode(`%PDF-1.4\n%${i}\n%%EOF\n`)], "q.pdf"),
      );
      const res = await t.app.request("/v1/projects/default/documents", {
        method: "POST",
        headers: t.auth(t.adminToken),
        body,
      });
      const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
      await transitionDocument(t.db, id, { from: ["queued"], to: "processing" });
      // Two documents share each confidence: the order falls back to upload time, then id.
      await transitionDocument(t.db, id, {
        from: ["processing"],
        to: "needs_review",
        minConfidence: Math.floor(i / 2) / 10,
      });
      ids.push(id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: QueuePage } = await get(
        `limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(status).toBe(200);
      expect(body.total).toBe(7);
      seen.push(...body.items.map((d) => d.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await get("limit=3&offset=3")).body.items.map((d) => d.id)).toEqual(ids.slice(3, 6));
    expect((await get("cursor=not-ours")).status).toBe(400);
  });
});
