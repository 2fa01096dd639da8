import { PagewiseError } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDocuments, listReviewQueue } from "./document-queries";
import {
  deleteDocument,
  findDocumentBySha256,
  getDocument,
  insertDocument,
  restartDocumentPipeline,
  transitionDocument,
} from "./documents";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

const sha = (c: string) => c.repeat(64);

describe.each(TEST_DIALECTS)("documents on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "acme" })).id;
    otherProjectId = (await createProject(t.db, { name: "other" })).id;
  });
  afterAll(() => t.drop());

  const input = (over: Partial<Parameters<typeof insertDocument>[1]> = {}) => ({
    projectId,
    filename: "invoice.pdf",
    sizeBytes: 1234,
    sha256: sha("a"),
    blobKey: sha("a"),
    ...over,
  });

  it("inserts a queued document that only its own project can see", async () => {
    const { document, created } = await insertDocument(t.db, input());
    expect(created).toBe(true);
    expect(document.status).toBe("queued");
    expect(document.sizeBytes).toBe(1234);
    expect(await getDocument(t.db, projectId, document.id)).toMatchObject({ id: document.id });
    expect(await getDocument(t.db, otherProjectId, document.id)).toBeNull();
  });

  it("gives the same document for the same idempotency key and bytes, even concurrently", async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => insertDocument(t.db, input({ idempotencyKey: "k-1" }))),
    );
    const ids = new Set(results.map((r) => r.document.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("finds a project's document by the sha256 of its bytes, in its own project only", async () => {
    const { document } = await insertDocument(t.db, input({ sha256: sha("c"), blobKey: sha("c") }));
    expect(await findDocumentBySha256(t.db, projectId, sha("c"))).toMatchObject({
      id: document.id,
    });
    expect(await findDocumentBySha256(t.db, otherProjectId, sha("c"))).toBeNull();
    expect(await findDocumentBySha256(t.db, projectId, sha("d"))).toBeNull();
  });

  it("refuses the same idempotency key with other bytes as a conflict", async () => {
    await insertDocument(t.db, input({ idempotencyKey: "k-2" }));
    await expect(
      insertDocument(t.db, input({ idempotencyKey: "k-2", sha256: sha("b"), blobKey: sha("b") })),
    ).rejects.toSatisfy((e) => e instanceof PagewiseError && e.code === "conflict");
  });

  it("moves status only from the expected statuses, so a duplicated job changes nothing", async () => {
    const { document } = await insertDocument(t.db, input());
    expect(
      await transitionDocument(t.db, document.id, { from: ["queued"], to: "processing" }),
    ).toBe(true);
    const finalize = { from: ["processing"] as const, to: "processed" as const };
    expect(await transitionDocument(t.db, document.id, finalize)).toBe(true);
    expect(await transitionDocument(t.db, document.id, finalize)).toBe(false);
    const stored = await getDocument(t.db, projectId, document.id);
    expect(stored?.status).toBe("processed");
    expect(stored?.processedAt).not.toBeNull();
  });

  it("records a failure with its stable code", async () => {
    const { document } = await insertDocument(t.db, input());
    await transitionDocument(t.db, document.id, {
      from: ["queued", "processing"],
      to: "failed",
      error: { code: "corrupt_pdf", message: "The PDF structure is invalid." },
    });
    const stored = await getDocument(t.db, projectId, document.id);
    expect(stored?.error).toEqual({
      code: "corrupt_pdf",
      message: "The PDF structure is invalid.",
    });
  });

  it("restarts a pipeline run only once for the run it saw, and never a finished document", async () => {
    const { document } = await insertDocument(t.db, input());
    await transitionDocument(t.db, document.id, { from: ["queued"], to: "processing" });
    expect(await restartDocumentPipeline(t.db, document.id, 1)).toBe(true);
    expect(await restartDocumentPipeline(t.db, document.id, 1)).toBe(false);
    const restarted = await getDocument(t.db, projectId, document.id);
    expect(restarted).toMatchObject({ pipelineRun: 2, status: "queued" });
    await transitionDocument(t.db, document.id, { from: ["queued"], to: "needs_review" });
    expect(await restartDocumentPipeline(t.db, document.id, 2)).toBe(false);
  });

  it("pages through a listing newest first and filters by status and filename", async () => {
    const p = (await createProject(t.db, { name: `list-${dialect}` })).id;
    for (let i = 0; i < 7; i++) {
      await insertDocument(t.db, input({ projectId: p, filename: `file-${i}.PDF` }));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(t.db, p, { limit: 3, cursor });
      seen.push(...page.items.map((d) => d.filename));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen[0]).toBe("file-6.PDF");
    const found = await listDocuments(t.db, p, { limit: 10, filename: "file-3.pdf" });
    expect(found.items.map((d) => d.filename)).toEqual(["file-3.PDF"]);
    const none = await listDocuments(t.db, p, { limit: 10, status: "failed" });
    expect(none.items).toHaveLength(0);
    const percent = await listDocuments(t.db, p, { limit: 10, filename: "%" });
    expect(percent.items).toHaveLength(0);
  });

  it("searches filenames for `_`, `%` and `\\` as the characters themselves", async () => {
    const p = (await createProject(t.db, { name: `like-${dialect}` })).id;
    const names = ["a_b.pdf", "axb.pdf", "50%.pdf", "50x.pdf", "back\\slash.pdf", "backslash.pdf"];
    for (const filename of names) await insertDocument(t.db, input({ projectId: p, filename }));
    const search = async (filename: string) =>
      (await listDocuments(t.db, p, { limit: 10, filename })).items.map((d) => d.filename);
    expect(await search("_")).toEqual(["a_b.pdf"]);
    expect(await search("a_b")).toEqual(["a_b.pdf"]);
    expect(await search("%")).toEqual(["50%.pdf"]);
    expect(await search("0%.")).toEqual(["50%.pdf"]);
    expect(await search("\\")).toEqual(["back\\slash.pdf"]);
    expect((await search(".pdf")).sort()).toEqual([...names].sort());
  });

  it("answers the review queue least certain first, with its length and its oldest upload", async () => {
    const p = (await createProject(t.db, { name: `queue-${dialect}` })).id;
    const empty = await listReviewQueue(t.db, p, { limit: 10, offset: 0 });
    expect(empty).toEqual({ items: [], total: 0, oldestAt: null, nextCursor: null });
    const docs = [];
    for (const [i, c] of ["b", "c", "d"].entries()) {
      const { document } = await insertDocument(
        t.db,
        input({ projectId: p, sha256: sha(c), blobKey: sha(c), filename: `q-${i}.pdf` }),
      );
      docs.push(document);
      await new Promise((r) => setTimeout(r, 5));
    }
    const [older, newer, confident] = docs as [
      (typeof docs)[0],
      (typeof docs)[0],
      (typeof docs)[0],
    ];
    const review = { from: ["queued" as const], to: "needs_review" as const };
    await transitionDocument(t.db, older.id, { ...review, minConfidence: 0.9 });
    await transitionDocument(t.db, newer.id, { ...review, minConfidence: 0.1 });
    await transitionDocument(t.db, confident.id, { from: ["queued"], to: "processed" });
    const queue = await listReviewQueue(t.db, p, { limit: 1, offset: 0 });
    expect(queue.items.map((d) => d.id)).toEqual([newer.id]);
    expect(queue.total).toBe(2);
    // The oldest waiting document, not the first in the queue's order.
    expect(queue.oldestAt).toBe(older.createdAt);
  });

  it("deletes only within the project", async () => {
    const { document } = await insertDocument(t.db, input());
    expect(await deleteDocument(t.db, otherProjectId, document.id)).toBeNull();
    expect(await deleteDocument(t.db, projectId, document.id)).not.toBeNull();
    expect(await getDocument(t.db, projectId, document.id)).toBeNull();
  });
});
