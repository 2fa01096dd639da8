import { readdirSync } from "node:fs";
import { join } from "node:path";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

/** A PDF by its first bytes, `size` long (large ones go through a temp file). */
function pdfOf(size: number, fill = 0x20): Uint8Array {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  return bytes;
}

describe.each(TEST_DIALECTS)("streamed uploads, on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect, { maxFileBytes: 2_000_000, maxFilesPerRequest: 3 });
  });
  afterAll(() => t.close());

  const send = (files: { name: string; bytes: Uint8Array }[], headers = {}) => {
    const body = new FormData();
    for (const f of files) body.append("file", new File([f.bytes], f.name));
    return t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), ...headers },
      body,
    });
  };
  /** Files in the blob folder (temp files included), not folders. */
  const files = () =>
    readdirSync(t.blobDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== ".disk-reserve")
      .map((e) => join(e.parentPath, e.name))
      .sort();
  const codeOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  it("stores nothing, not even a temp file, when a later file of the request is refused", async () => {
    const before = files();
    const res = await send([
      { name: "large.pdf", bytes: pdfOf(1_500_000) },
      { name: "notes.txt", bytes: new TextEncoder().encode("not a document") },
    ]);
    expect(res.status).toBe(415);
    expect(await codeOf(res)).toBe("unsupported_type");
    expect(files()).toEqual(before);
  });

  it("stops at the first file over the limit with 413, keeping none of the request's files", async () => {
    const before = files();
    const res = await send([
      { name: "fine.pdf", bytes: pdfOf(1_000_000, 0x21) },
      { name: "huge.pdf", bytes: pdfOf(2_000_001) },
    ]);
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("file_too_large");
    expect(files()).toEqual(before);
  });

  it("stores the bytes under their sha256 once, and no orphan for an Idempotency-Key conflict", async () => {
    const first = await send([{ name: "a.pdf", bytes: pdfOf(600_000, 0x22) }], {
      "Idempotency-Key": "stream-1",
    });
    expect(first.status).toBe(202);
    const stored = files();
    const conflict = await send([{ name: "b.pdf", bytes: pdfOf(600_000, 0x23) }], {
      "Idempotency-Key": "stream-1",
    });
    expect(conflict.status).toBe(409);
    expect(files()).toEqual(stored);
  });

  it("refuses more files than allowed per request with 413 payload_too_large", async () => {
    const before = files();
    const pdf = { name: "x.pdf", bytes: pdfOf(300_000, 0x24) };
    const res = await send([pdf, pdf, pdf, pdf]);
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("payload_too_large");
    expect(files()).toEqual(before);
  });
});
