import { readdirSync } from "node:fs";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const text = new TextEncoder().encode("Invoice 42\nTotal 10.00\n");

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

describe.each(TEST_DIALECTS)("uploads Pagewise cannot read, on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  const send = (
    files: { name: string; bytes: Uint8Array }[],
    extra: Record<string, string> = {},
  ) => {
    const body = new FormData();
    for (const f of files) body.append("file", new File([f.bytes], f.name));
    for (const [k, v] of Object.entries(extra)) body.append(k, v);
    return t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(t.adminToken),
      body,
    });
  };
  const stored = async () => {
    const res = await t.app.request("/v1/projects/default/documents?limit=200", {
      headers: t.auth(t.adminToken),
    });
    const rows = ((await res.json()) as { items: unknown[] }).items.length;
    return { rows, blobs: readdirSync(t.blobDir, { recursive: true }).length };
  };

  it("refuses a text file with 415 unsupported_type, whatever its name, and stores nothing", async () => {
    const before = await stored();
    for (const name of ["notes.txt", "invoice.pdf"]) {
      const res = await send([{ name, bytes: text }]);
      expect(res.status).toBe(415);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe("unsupported_type");
      expect(body.error.message).toContain(`'${name}' is not a PDF, PNG, JPEG or TIFF file`);
    }
    // Even with a layout read elsewhere: the worker reads the file's type from its bytes too.
    const layout = JSON.stringify({ pages: [{ index: 0, width: 1, height: 1, tokens: [] }] });
    expect((await send([{ name: "notes.txt", bytes: text }], { layout })).status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it("refuses an empty file with 400 empty_file and stores nothing", async () => {
    const before = await stored();
    const res = await send([{ name: "empty.pdf", bytes: new Uint8Array(0) }]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toBe("empty_file");
    expect(await stored()).toEqual(before);
  });

  it("refuses a whole request of several files when one is unreadable, naming it", async () => {
    const before = await stored();
    const res = await send([
      { name: "a.pdf", bytes: pdf },
      { name: "notes.txt", bytes: text },
      { name: "b.png", bytes: png },
    ]);
    expect(res.status).toBe(415);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.details?.files).toEqual(["notes.txt"]);
    expect(await stored()).toEqual(before);
  });

  it("still accepts PDFs and images, judged by their bytes", async () => {
    const res = await send([
      { name: "scan", bytes: png },
      { name: "a.pdf", bytes: pdf },
    ]);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { documents: unknown[] }).documents).toHaveLength(2);
  });
});
