import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readImageHeader } from "@pagewise/ocr";
import { samePixels, textImagePng, turnedPng } from "@pagewise/ocr/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLayout, layoutContains, readJson, upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

const RECEIPT = join(ROOT, "test/fixtures/sroie/files/X51005306399.jpg");
const GT = join(ROOT, "test/fixtures/sroie/gt/X51005306399.json");
const GERMAN = ["Die Straße führt über große Brücken.", "Größe: 12 Stück, Preis 4,50 €"];

describe("scans through the platform: orientation and per-project OCR languages", () => {
  const platform = new Platform();
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("stores a receipt scanned sideways upright, with its words read across", async () => {
    const gt = readJson<{ fields: { company: string; total: string } }>(GT);
    const upright = await turnedPng(new Uint8Array(readFileSync(RECEIPT)), 0);
    const [id] = await upload(platform, [
      { name: "sideways.png", bytes: await turnedPng(upright, 270) },
    ]);
    const doc = await waitForTerminal(platform, id!, 300_000);
    expect(doc.status).not.toBe("failed");
    const page = (await getLayout(platform, id!)).pages[0]!;
    expect([page.source, page.width, page.height]).toEqual(["ocr", 447, 915]);
    expect(page.tokens.map((t) => t.text)).toContain(gt.fields.total);
    expect(layoutContains({ pages: [page] }, gt.fields.company)).toBe(true);
    const res = await platform.request(`/v1/projects/default/documents/${id}/pages/0/image`);
    expect(res.status).toBe(200);
    const image = new Uint8Array(await res.arrayBuffer());
    expect(readImageHeader(image, "image/png")[0]).toMatchObject({ width: 447, height: 915 });
    expect(await samePixels(image, upright)).toBe(true);
  });

  it("reads the next document in the project's new ocrLanguages, same worker, no restart", async () => {
    const read = async (n: number) => {
      const png = await textImagePng([...GERMAN, `Beleg ${n}`]);
      const [id] = await upload(platform, [{ name: `beleg-${n}.png`, bytes: png }]);
      await waitForTerminal(platform, id!, 300_000);
      return getLayout(platform, id!);
    };
    expect(layoutContains(await read(1), "Straße")).toBe(false);
    const res = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ settings: { ocrLanguages: ["deu", "eng"] } }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const german = await read(2);
    expect(layoutContains(german, "Straße")).toBe(true);
    expect(layoutContains(german, "Brücken")).toBe(true);
  });
});
