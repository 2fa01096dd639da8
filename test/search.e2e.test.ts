import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson, upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

// Real receipts uploaded with the dataset's own OCR layout (nothing to read again): an MR. D.I.Y.
// store, a restaurant and a gift shop in Johor, a Shell station.
const RECEIPTS = [
  ["test/fixtures/search/X51008123580.jpg", "test/fixtures/search/X51008123580.layout.json"],
  ["test/fixtures/sroie/files/X51005442341.jpg", "test/fixtures/sroie/layout/X51005442341.json"],
  ["test/fixtures/sroie/files/X00016469619.jpg", "test/fixtures/sroie/layout/X00016469619.json"],
  ["test/fixtures/sroie/files/X51005306399.jpg", "test/fixtures/sroie/layout/X51005306399.json"],
] as const;

interface ListItem {
  id: string;
  filename: string;
  search?: {
    score: number;
    snippet: { text: string; highlights: { start: number; end: number }[] } | null;
  };
}

describe("searching documents", () => {
  const platform = new Platform();
  const ids: string[] = [];
  beforeAll(async () => {
    await platform.start();
    for (const [file, layout] of RECEIPTS) {
      const [id] = await upload(platform, [join(ROOT, file)], {
        layout: readJson(join(ROOT, layout)),
      });
      ids.push(id!);
    }
    for (const id of ids) await waitForTerminal(platform, id, 180_000);
  });
  afterAll(() => platform.stop());

  const list = async (query: string) => {
    const res = await platform.request(`/v1/projects/default/documents?${query}`);
    const body = (await res.json()) as { items: ListItem[]; nextCursor: string | null };
    return { status: res.status, ...body };
  };
  const id = (i: number) => () => ids[i] as string;
  const [diy, restaurant, gift, shell] = [id(0), id(1), id(2), id(3)];

  it("finds a receipt by the shop's name on it, with the words marked in a snippet", async () => {
    const found = await list(`q=${encodeURIComponent("MR. D.I.Y")}`);
    expect(found.status).toBe(200);
    expect(found.items.map((d) => d.id)).toEqual([diy()]);
    const snippet = found.items[0]?.search?.snippet;
    expect(snippet?.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual([
      "MR.",
      "D.I.Y.",
    ]);
    expect(found.items[0]?.search?.score).toBeGreaterThan(0);
    expect((await list("q=diy")).items.map((d) => d.id)).toEqual([diy()]);
    expect((await list("q=shell")).items.map((d) => d.id)).toEqual([shell()]);
  });

  it("needs every word, keeps the other filters, sorts and pages", async () => {
    expect((await list("q=johor")).items.map((d) => d.id).sort()).toEqual(
      [restaurant(), gift()].sort(),
    );
    expect((await list("q=johor+shell")).items).toEqual([]);
    const byName = await list("q=johor&sort=filename&limit=1");
    expect(byName.items.map((d) => d.filename)).toEqual(["X00016469619.jpg"]);
    const next = await list(`q=johor&sort=filename&limit=1&cursor=${byName.nextCursor}`);
    expect(next.items.map((d) => d.filename)).toEqual(["X51005442341.jpg"]);
    expect(next.nextCursor).toBeNull();
    // Without a search: every receipt, by file name.
    expect((await list("sort=-filename")).items.map((d) => d.filename)).toEqual([
      "X51008123580.jpg",
      "X51005442341.jpg",
      "X51005306399.jpg",
      "X00016469619.jpg",
    ]);
  });

  it("refuses a search without a word and relevance without a search", async () => {
    const empty = await platform.request("/v1/projects/default/documents?q=...");
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
    const relevance = await platform.request("/v1/projects/default/documents?sort=relevance");
    expect(relevance.status).toBe(400);
  });

  it("no longer finds a deleted document", async () => {
    const res = await platform.request(`/v1/projects/default/documents/${diy()}`, {
      method: "DELETE",
    });
    expect(res.status).toBe(204);
    expect((await list("q=diy")).items).toEqual([]);
  });
});
