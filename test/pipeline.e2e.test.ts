import { join } from "node:path";
import { jobIds } from "@pagewise/queue";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobKeysOnDisk, pageImageKey } from "./support/blobs";
import {
  getLayout,
  type LayoutJson,
  layoutContains,
  readJson,
  upload,
  waitForTerminal,
} from "./support/documents";
import { Platform, REDIS_URL, ROOT, sleep } from "./support/platform";

const FIXTURES = join(ROOT, "test/fixtures");
const fixture = (path: string) => join(FIXTURES, path);
const gt = (dataset: string, stem: string) =>
  readJson<{ fields: Record<string, string> }>(fixture(`${dataset}/gt/${stem}.json`)).fields;

/** Every token box lies inside the page and has a positive size. */
function expectSaneBoxes(layout: LayoutJson) {
  for (const page of layout.pages) {
    expect(page.width).toBeGreaterThan(100);
    for (const t of page.tokens) {
      const [x0, y0, x1, y1] = t.box as [number, number, number, number];
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(1);
      expect(y1).toBeLessThanOrEqual(1);
      expect(x1).toBeGreaterThan(x0);
      expect(y1).toBeGreaterThan(y0);
    }
  }
}

function tokenWithText(layout: LayoutJson, text: string) {
  for (const page of layout.pages) {
    const token = page.tokens.find((t) => t.text.includes(text));
    if (token) return { page, token };
  }
  return undefined;
}

describe.each(["sqlite", "postgres"] as const)("the pipeline on %s", (dialect) => {
  const platform = new Platform({ dialect });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("reads a born-digital ZUGFeRD invoice from its text layer, with every word boxed", async () => {
    const stem = "zf10__ZUGFeRD_1p0_BASIC_Einfach";
    const [id] = await upload(platform, [fixture(`zugferd/files/${stem}.pdf`)]);
    const doc = await waitForTerminal(platform, id!);
    // No model yet, but its embedded XML gives the fields (test/einvoice.e2e.test.ts).
    expect(doc.status).toBe("processed");
    expect(doc.pageCount).toBeGreaterThan(0);
    const layout = await getLayout(platform, id!);
    expect(layout.pages[0]!.source).toBe("text");
    const truth = gt("zugferd", stem);
    expect(layoutContains(layout, truth.invoice_number!)).toBe(true);
    const total = truth.total!.replace(".", ","); // the page prints German amounts
    expect(layoutContains(layout, total)).toBe(true);
    expectSaneBoxes(layout);
    const found = tokenWithText(layout, truth.invoice_number!);
    expect(found?.token.confidence).toBe(1);
  });

  it("reads a scanned SROIE receipt with OCR and finds its total", async () => {
    const stem = "X51005442341";
    const [id] = await upload(platform, [fixture(`sroie/files/${stem}.jpg`)]);
    const doc = await waitForTerminal(platform, id!, 180_000);
    expect(doc.status).toBe("needs_review"); // no model yet: layout only
    const layout = await getLayout(platform, id!);
    expect(layout.pages[0]!.source).toBe("ocr");
    const truth = gt("sroie", stem);
    // OCR may split "170.00" into "170." + "00": compare the text without whitespace.
    expect(layoutContains(layout, truth.total!), `total ${truth.total} in the OCR text`).toBe(true);
    expect(layoutContains(layout, truth.date!)).toBe(true);
    expectSaneBoxes(layout);
    const found = tokenWithText(layout, truth.total!.split(".")[0]!);
    expect(found!.token.confidence).toBeGreaterThan(0.3);
    // The receipt total sits in the lower part of the receipt.
    expect(found!.token.box[1]).toBeGreaterThan(0.3);
    const image = await platform.request(`/v1/projects/default/documents/${id}/pages/0/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("OCRs an image-only PDF made from a receipt", async () => {
    const [id] = await upload(platform, [fixture("image-only/X00016469619.pdf")]);
    const doc = await waitForTerminal(platform, id!, 180_000);
    expect(doc.status).toBe("needs_review"); // no model yet: layout only
    const layout = await getLayout(platform, id!);
    expect(layout.pages[0]!.source).toBe("ocr");
    expect(layout.pages[0]!.tokens.length).toBeGreaterThan(20);
    const truth = gt("sroie", "X00016469619");
    expect(layoutContains(layout, truth.date!)).toBe(true);
  });

  it("classifies, extracts and finalizes a text PDF in its ingest job; a scan goes through the flow", async () => {
    const [text, scan] = await upload(platform, [
      fixture("invoice2data/files/FlipkartInvoice.pdf"),
      fixture("sroie/files/X51005442341.jpg"),
    ]);
    expect((await waitForTerminal(platform, text!)).status).toBe("needs_review");
    expect((await waitForTerminal(platform, scan!, 180_000)).status).toBe("needs_review");
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const pipeline = new Queue("pipeline", { connection, prefix: platform.prefix });
    try {
      const job = (id: string, ids: (d: string, r: number) => string) =>
        pipeline.getJob(ids(id, 1));
      // Every page was read at ingest: the three stages ran inside that job, not as jobs of their own.
      const ingest = await job(text!, jobIds.ingest);
      expect(ingest?.returnvalue).toMatchObject({
        pageCount: 1,
        textPages: 1,
        "document.finalize": { moved: true, status: "needs_review" },
      });
      expect(await job(text!, jobIds.classify)).toBeUndefined();
      expect(await job(text!, jobIds.finalize)).toBeUndefined();
      // A page left for OCR: page.read, then classify → extract → finalize, each a job.
      expect((await job(scan!, jobIds.ingest))?.returnvalue).toEqual({
        pageCount: 1,
        textPages: 0,
      });
      expect(await (await job(scan!, jobIds.classify))?.isCompleted()).toBe(true);
      expect(await (await job(scan!, jobIds.finalize))?.isCompleted()).toBe(true);
    } finally {
      await pipeline.close();
      connection.disconnect();
    }
  });

  it("renders a text-layer page image in the background, after the document is done", async () => {
    const [id] = await upload(platform, [fixture("invoice2data/files/AmazonWebServices.pdf")]);
    // The flow does not wait for images (page.render is outside it: see flows.test.ts).
    expect((await waitForTerminal(platform, id!)).status).toBe("needs_review");
    // Nobody asks for the image: it waits for review, so the worker renders it ahead of time.
    let key: string | null = null;
    for (let i = 0; i < 100 && !key; i++) {
      key = await pageImageKey(platform, id!);
      if (!key) await sleep(200);
    }
    expect(key, "page image rendered in the background").not.toBeNull();
    expect(blobKeysOnDisk(platform)).toContain(key);
    const url = `/v1/projects/default/documents/${id}/pages/0/image`;
    const first = await platform.request(url);
    expect(first.status).toBe(200);
    const png = new Uint8Array(await first.arrayBuffer());
    expect(Array.from(png.slice(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const missing = await platform.request(`/v1/projects/default/documents/${id}/pages/99/image`);
    expect(missing.status).toBe(404);

    // A page whose background render has not run yet is rendered on request, the same image.
    await platform.db
      .updateTable("pages")
      .set({ image_key: null })
      .where("document_id", "=", id!)
      .execute();
    const onDemand = await platform.request(url);
    expect(onDemand.status).toBe(200);
    expect(new Uint8Array(await onDemand.arrayBuffer())).toEqual(png);
    expect(await pageImageKey(platform, id!)).toBe(key);
  });
});
