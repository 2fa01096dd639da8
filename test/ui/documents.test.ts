import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createToken,
  dropFile,
  launchBrowser,
  openTab,
  platformWithUi,
  saveScreenshot,
  sessionToken,
  signIn,
} from "../support/browser";
import { readJson, upload, waitForTerminal } from "../support/documents";
import { ROOT } from "../support/platform";

const FIXTURES = join(ROOT, "test/fixtures");

describe("signing in, the overview and the documents list in a real browser", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    const stem = "X51005442341";
    const [id] = await upload(platform, [join(FIXTURES, `sroie/files/${stem}.jpg`)], {
      layout: readJson(join(FIXTURES, `sroie/layout/${stem}.json`)),
    });
    await waitForTerminal(platform, id!, 60_000);
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("refuses an unknown token in words, and signs out back to the sign-in screen", async () => {
    const page = await openTab(browser.context);
    await page.goto(platform.baseUrl + "/");
    await page.getByTestId("sign-in-token").fill("pw_not_a_real_token_000000");
    await page.getByTestId("sign-in-submit").click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("unknown or revoked");

    await signIn(page, platform.baseUrl, platform.adminToken);
    expect(await sessionToken(page)).toBe(platform.adminToken);
    // A reload keeps the session of this tab.
    await page.reload();
    await page.getByTestId("sign-out").waitFor();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-token").waitFor();
    expect(await sessionToken(page)).toBeNull();
  });

  it("shows the project's documents by status and the review queue on the overview", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await expect.poll(() => page.getByTestId("stat-queue").textContent()).toContain("1");
    expect(await page.getByTestId("queue-count").textContent()).toBe("1");
    expect(await page.getByTestId("champion-extractor").textContent()).toContain("No champion");
    await saveScreenshot(page, "overview");
    expect(page.problems).toEqual([]);
  });

  it("uploads dropped files with progress, then filters and searches the list", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, await createToken(platform, "uploader"));
    await page.getByRole("link", { name: "Documents", exact: true }).click();
    await page.getByTestId("document-row").first().waitFor();

    const pdf = readFileSync(join(FIXTURES, "invoice2data/files/FlipkartInvoice.pdf"));
    await dropFile(page.getByTestId("dropzone"), {
      name: "FlipkartInvoice.pdf",
      mimeType: "application/pdf",
      bytes: pdf,
    });
    const item = page.getByTestId("upload-item");
    await expect.poll(() => item.textContent()).toContain("queued for reading");
    expect(
      await item.locator("progress").evaluate((p) => (p as unknown as { value: number }).value),
    ).toBe(1);

    // The new document appears and is read while the list watches it.
    const rows = page.getByTestId("document-row");
    await expect.poll(() => rows.count()).toBe(2);
    await expect
      .poll(() => rows.filter({ hasText: "FlipkartInvoice.pdf" }).textContent(), {
        timeout: 60_000,
      })
      .toMatch(/Needs review|Processed/);

    await page.getByTestId("document-search").fill("flipkart");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId("document-search").fill("");
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId("status-filter").selectOption("reviewed");
    await expect.poll(() => page.getByText("No documents match").count()).toBe(1);
    await page.getByTestId("status-filter").selectOption("needs_review");
    await expect.poll(() => rows.count()).toBe(2);
    expect(page.problems).toEqual([]);
  });

  it("explains a document that cannot be read, in the list and when opened", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, await createToken(platform, "uploader"));
    await page.goto(platform.baseUrl + "/documents");
    await page.getByTestId("upload-input").setInputFiles({
      name: "notes.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("just some text with a .pdf name"),
    });
    const row = page.getByTestId("document-row").filter({ hasText: "notes.pdf" });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain("Failed");
    const reason = await row.locator(".text-danger").textContent();
    expect(reason?.length).toBeGreaterThan(10);
    await row.getByRole("link").click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("This document could not be read.");
    expect(await alert.textContent()).toContain("unsupported_type");
  });
});
