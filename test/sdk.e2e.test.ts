import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  Pagewise,
  PagewiseError,
  RESULT_STATUSES,
} from "@pagewise/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Platform, ROOT } from "./support/platform";

// Digital PDFs: read from their text layer, no OCR.
const FILES = [
  "invoice2data/files/AmazonWebServices.pdf",
  "invoice2data/files/FlipkartInvoice.pdf",
  "zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf",
  "zugferd/files/mustang2__MustangGnuaccountingBeispielRE-20190610_507.pdf",
].map((f) => join(ROOT, "test/fixtures", f));

/** Everything an async iterator yields. */
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("the SDK against a running platform", () => {
  const platform = new Platform();
  /** GETs of the document list the SDK sent, to see that it followed the cursor. */
  const listCalls: string[] = [];
  let pagewise: Pagewise;
  let firstId: string;

  beforeAll(async () => {
    await platform.start();
    pagewise = new Pagewise({
      baseUrl: platform.baseUrl,
      token: platform.adminToken,
      project: "default",
      fetch: (request) => {
        const url = new URL(request.url);
        if (request.method === "GET" && url.pathname === "/v1/projects/default/documents") {
          listCalls.push(url.search);
        }
        return fetch(request);
      },
    });
  });
  afterAll(() => platform.stop());

  it("uploads a file twice with one idempotency key and gets one document", async () => {
    const bytes = await readFile(FILES[0]!);
    const first = await pagewise.documents.upload(bytes, {
      filename: "aws.pdf",
      idempotencyKey: "sdk-e2e-aws",
    });
    const again = await pagewise.documents.upload(new Blob([bytes]), {
      filename: "aws.pdf",
      idempotencyKey: "sdk-e2e-aws",
    });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    firstId = first.id;
    const listed = await all(pagewise.documents.list());
    expect(listed.map((d) => d.id)).toEqual([first.id]);
  });

  it("refuses the same key with other bytes (ConflictError), storing nothing", async () => {
    const error = await pagewise.documents
      .upload(await readFile(FILES[1]!), { filename: "other.pdf", idempotencyKey: "sdk-e2e-aws" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("conflict");
    expect((error as ConflictError).status).toBe(409);
    expect((await all(pagewise.documents.list())).map((d) => d.id)).toEqual([firstId]);
  });

  it("waits for the document's result", async () => {
    const document = await pagewise.documents.waitForResult(firstId, {
      timeoutMs: 180_000,
      intervalMs: 250,
    });
    expect(document.id).toBe(firstId);
    expect(RESULT_STATUSES).toContain(document.status);
    expect(document.status).not.toBe("failed");
    expect(document.pageCount).toBeGreaterThan(0);
  });

  it("iterates every document across pages of one, following the cursor", async () => {
    const ids = [firstId];
    for (const [i, file] of FILES.slice(1).entries()) {
      const { id } = await pagewise.documents.upload(await readFile(file), {
        filename: `file-${i}.pdf`,
      });
      ids.push(id);
    }
    listCalls.length = 0;
    const listed = await all(pagewise.documents.list({ limit: 1 }));
    expect(listed.map((d) => d.id).sort()).toEqual([...ids].sort());
    // One page per document (and maybe a last, empty one): the iterator followed nextCursor.
    expect(listCalls.length).toBeGreaterThanOrEqual(ids.length);
    expect(listCalls.slice(1).every((q) => q.includes("cursor="))).toBe(true);
    // Any other paged list, through the same iterator: the audit log has each upload.
    const events = await all(
      pagewise.paginate("/v1/projects/{project}/audit-events", {
        path: { project: "default" },
        query: { limit: 1 },
      }),
    );
    const uploaded = events.filter((e) => e.action === "document.uploaded");
    expect(uploaded.map((e) => e.target?.id).sort()).toEqual([...ids].sort());
  });

  it("throws NotFoundError for a document that does not exist", async () => {
    const error = await pagewise.documents.get("doc_does_not_exist").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(PagewiseError);
    expect((error as NotFoundError).code).toBe("not_found");
    expect((error as NotFoundError).status).toBe(404);
  });

  it("throws AuthenticationError for a token the platform does not know", async () => {
    const stranger = new Pagewise({
      baseUrl: platform.baseUrl,
      token: "pw_not_a_real_token",
      project: "default",
    });
    const error = await stranger.documents.get(firstId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).code).toBe("unauthorized");
    expect((error as AuthenticationError).status).toBe(401);
  });
});
