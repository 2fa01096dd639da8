import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDatabase, transitionDocument } from "@pagewise/storage";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createToken,
  launchBrowser,
  openTab,
  platformWithUi,
  saveScreenshot,
  signIn,
} from "../support/browser";
import { readJson, upload, waitForTerminal } from "../support/documents";
import { ROOT } from "../support/platform";

const FIXTURES = join(ROOT, "test/fixtures");
const SROIE = join(FIXTURES, "sroie");

/** Why documents wait, live upload rows, and the documents table's layout, on one platform. */
describe("review reasons, live uploads and a dense documents table in a real browser", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };
  let unread: string | undefined;
  let incomplete: string | undefined;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    // Two receipts read from their dataset layout. No model exists: both wait for a person.
    [unread] = await upload(platform, [join(SROIE, "files/X51005442341.jpg")], {
      layout: readJson(join(SROIE, "layout/X51005442341.json")),
    });
    [incomplete] = await upload(platform, [join(SROIE, "files/X51005306399.jpg")], {
      layout: readJson(join(SROIE, "layout/X51005306399.json")),
    });
    for (const id of [unread!, incomplete!]) {
      expect((await waitForTerminal(platform, id, 60_000)).status).toBe("needs_review");
    }
    // The second as a model would have left it (the worker's decision is tested in the worker):
    // the required total missing, the category unsure.
    const { db, close } = createDatabase({ url: platform.databaseUrl });
    await transitionDocument(db, incomplete!, {
      from: ["needs_review"],
      to: "needs_review",
      minConfidence: 0.55,
      reviewReasons: [
        { code: "missing_required", field: "total", confidence: null },
        { code: "low_confidence", field: null, confidence: 0.55 },
      ],
    });
    await close();
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  const rowOf = (page: Page, testId: string, id: string) =>
    page.locator(`[data-testid="${testId}"][data-id="${id}"]`);

  it("says why each document waits in the queue, the documents list and the review header", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.getByRole("link", { name: /Review queue/ }).click();
    await rowOf(page, "review-queue-item", incomplete!).waitFor();
    expect(await rowOf(page, "review-queue-item", unread!).textContent()).toContain("no model");
    const queued = await rowOf(page, "review-queue-item", incomplete!).textContent();
    expect(queued).toContain("missing total");
    expect(queued).toContain("category 55%");
    expect(queued).not.toContain("100%");
    await saveScreenshot(page, "review-queue-reasons");

    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await rowOf(page, "document-row", incomplete!).waitFor();
    expect(await rowOf(page, "document-row", unread!).textContent()).toContain("no model");
    expect(await rowOf(page, "document-row", incomplete!).textContent()).toContain("missing total");

    await rowOf(page, "document-row", incomplete!).getByRole("link").click();
    const header = page.locator(".review-header").getByTestId("review-reasons");
    await header.waitFor();
    expect(await header.textContent()).toContain("missing total");
    await saveScreenshot(page, "review-header-reasons");
    expect(page.problems).toEqual([]);
  });

  it("follows uploaded files to their final status without a reload, links them and clears them", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, await createToken(platform, "uploader"));
    await page.goto(`${platform.baseUrl}/documents`);
    await page.getByTestId("upload-input").setInputFiles([
      {
        name: "FlipkartInvoice.pdf",
        mimeType: "application/pdf",
        buffer: readFileSync(join(FIXTURES, "invoice2data/files/FlipkartInvoice.pdf")),
      },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Total 12.00\n") },
    ]);
    const items = page.getByTestId("upload-item");
    const pdf = items.filter({ hasText: "FlipkartInvoice.pdf" });
    const text = items.filter({ hasText: "notes.txt" });
    // Refused at once by content; the PDF is read and waits for a person (no model yet).
    await expect.poll(() => text.getAttribute("data-status")).toBe("failed");
    expect(await text.textContent()).toContain("not a PDF, PNG, JPEG or TIFF");
    await expect
      .poll(() => pdf.getAttribute("data-status"), { timeout: 60_000 })
      .toBe("needs_review");
    expect(await pdf.textContent()).toContain("no model");
    await saveScreenshot(page, "upload-rows");

    const href = await pdf.getByRole("link").getAttribute("href");
    expect(href).toMatch(/^\/documents\/doc_/);
    await text.getByTestId("upload-clear").click();
    await expect.poll(() => items.count()).toBe(1);
    await pdf.getByRole("link").click();
    await page.getByTestId("review-screen").waitFor();
    expect(page.url()).toBe(`${platform.baseUrl}${href}`);

    await page.goBack();
    await page.getByTestId("upload-input").setInputFiles({
      name: "again.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("x"),
    });
    await expect.poll(() => items.count()).toBe(1);
    await page.getByTestId("upload-clear-all").click();
    await expect.poll(() => items.count()).toBe(0);
    expect(page.problems.filter((p) => !p.includes("415"))).toEqual([]);
  });

  it("fits the documents table at 1440 px with dense rows, and keeps the navigation usable at 390 px", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.goto(`${platform.baseUrl}/documents`);
    const rows = page.getByTestId("document-row");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const wrap = page.getByTestId("documents-table-wrap");
    const fits = () => wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    const wide = await fits();
    expect(wide.scroll).toBeLessThanOrEqual(wide.client);
    for (const row of await rows.all()) {
      const box = await row.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(30);
      expect(box?.height).toBeLessThanOrEqual(44);
    }
    await saveScreenshot(page, "documents-1440");

    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await fits();
    expect(narrow.scroll).toBeLessThanOrEqual(narrow.client);
    const pageWidth = await page.evaluate(() => {
      const root = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }
      ).document.documentElement;
      return root.scrollWidth;
    });
    expect(pageWidth).toBeLessThanOrEqual(390);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Overview", "Review queue", "Documents", "Models"]) {
      const box = await nav.getByRole("link", { name: new RegExp(`^${name}`) }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x, name).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(390);
    }
    await page.getByTestId("sign-out").boundingBox();
    await saveScreenshot(page, "documents-390");
    await nav.getByRole("link", { name: /^Review queue/ }).click();
    await page.getByTestId("review-queue-item").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/queue");
    expect(page.problems).toEqual([]);
  });
});
