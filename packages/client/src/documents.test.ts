import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TimeoutError } from "./errors";
import { Pagewise } from "./pagewise";

/** A real HTTP server on 127.0.0.1 with three pages of documents and a document whose status moves. */
const seen: string[] = [];
let statuses: string[] = [];
const PAGES: Record<string, { items: { id: string }[]; nextCursor: string | null }> = {
  "": { items: [{ id: "d1" }, { id: "d2" }], nextCursor: "c1" },
  c1: { items: [{ id: "d3" }, { id: "d4" }], nextCursor: "c2" },
  c2: { items: [{ id: "d5" }], nextCursor: null },
};
const server: Server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  seen.push(`${url.pathname}${url.search}`);
  res.setHeader("content-type", "application/json");
  if (url.pathname === "/v1/projects/p/documents") {
    res.end(JSON.stringify(PAGES[url.searchParams.get("cursor") ?? ""]));
    return;
  }
  const status = statuses.length > 1 ? statuses.shift() : statuses[0];
  res.end(JSON.stringify({ id: "d1", status }));
});
let client: Pagewise;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new Pagewise({ baseUrl: `http://127.0.0.1:${port}/`, token: "t", project: "p" });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

describe("documents.list", () => {
  it("yields every item of every page, following nextCursor with the same filters", async () => {
    const ids: string[] = [];
    for await (const doc of client.documents.list({ status: "needs_review", limit: 2 })) {
      ids.push(doc.id);
    }
    expect(ids).toEqual(["d1", "d2", "d3", "d4", "d5"]);
    expect(seen).toEqual([
      "/v1/projects/p/documents?status=needs_review&limit=2",
      "/v1/projects/p/documents?status=needs_review&limit=2&cursor=c1",
      "/v1/projects/p/documents?status=needs_review&limit=2&cursor=c2",
    ]);
  });

  it("fetches a page only when the iteration gets there", async () => {
    for await (const doc of client.documents.list()) {
      expect(doc.id).toBe("d1");
      break;
    }
    expect(seen).toEqual(["/v1/projects/p/documents"]);
  });
});

describe("documents.waitForResult", () => {
  it("polls until the document has a result", async () => {
    statuses = ["queued", "processing", "needs_review"];
    const document = await client.documents.waitForResult("d1", { intervalMs: 1 });
    expect(document.status).toBe("needs_review");
    expect(seen).toHaveLength(3);
  });

  it("throws a TimeoutError naming the status when none comes in time", async () => {
    statuses = ["processing"];
    const error = await client.documents
      .waitForResult("d1", { timeoutMs: 30, intervalMs: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe("timeout");
    expect((error as TimeoutError).details).toEqual({ documentId: "d1", status: "processing" });
  });
});
