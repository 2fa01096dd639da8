import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeSolidPng } from "@pagewise/ocr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLayout, readJson, upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

const MALFORMED = join(ROOT, "test/fixtures/pdfjs_malformed");

/** What each pdf.js expectation category must become in Pagewise. */
const EXPECTED: Record<string, { status: string[]; code?: string }> = {
  fatal: { status: ["failed"], code: "corrupt_pdf" },
  encrypted: { status: ["failed"], code: "encrypted_pdf" },
  // Readable: the project has no model yet, so a read document waits for review.
  recoverable: { status: ["needs_review"] },
  // The page that fails is recorded; a document with no readable page fails with its code.
  page_error: { status: ["needs_review", "failed"] },
};

describe("bad input never takes the worker down", () => {
  const platform = new Platform();
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("ends every malformed PDF and a pixel bomb with a stable outcome, refuses an empty file and a text file named .pdf, then still processes a good document", async () => {
    const names = readdirSync(join(MALFORMED, "files")).sort();
    expect(names).toHaveLength(8);
    const files = names.map((n) => join(MALFORMED, "files", n));
    const ids = await upload(platform, files);
    // An empty file and a text file named .pdf are refused at the door, nothing stored.
    const refused = async (name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append("file", new File([bytes], name));
      const res = await platform.request("/v1/projects/default/documents", {
        method: "POST",
        body: form,
      });
      return {
        status: res.status,
        code: ((await res.json()) as { error: { code: string } }).error.code,
      };
    };
    expect(await refused("empty.pdf", new Uint8Array(0))).toEqual({
      status: 400,
      code: "empty_file",
    });
    expect(await refused("fake.pdf", readFileSync(join(ROOT, "test/fixtures/fake.pdf")))).toEqual({
      status: 415,
      code: "unsupported_type",
    });
    const [bomb] = await upload(platform, [
      { name: "bomb.png", bytes: makeSolidPng(20_000, 20_000) },
    ]);

    for (const [i, name] of names.entries()) {
      const category = readJson<{ expected: { category: string } }>(
        join(MALFORMED, "gt", name.replace(/\.pdf$/, ".json")),
      ).expected.category;
      const doc = await waitForTerminal(platform, ids[i]!, 120_000);
      const expected = EXPECTED[category]!;
      expect(expected.status, `${name} (${category}) ended ${doc.status}`).toContain(doc.status);
      if (expected.code) expect(doc.error?.code, name).toBe(expected.code);
      if (doc.status === "failed") {
        expect(doc.error?.message.length, name).toBeGreaterThan(10);
      } else {
        expect((await getLayout(platform, ids[i]!)).pages.length, name).toBeGreaterThan(0);
      }
      if (category === "page_error" && doc.status === "needs_review") {
        const layout = await getLayout(platform, ids[i]!);
        expect(layout.pages.some((p) => (p as { error?: unknown }).error)).toBe(true);
      }
    }
    expect((await waitForTerminal(platform, bomb!)).error?.code).toBe("image_too_large");

    const [good] = await upload(platform, [
      join(ROOT, "test/fixtures/invoice2data/files/FlipkartInvoice.pdf"),
    ]);
    expect((await waitForTerminal(platform, good!)).status).toBe("needs_review");
  });
});
