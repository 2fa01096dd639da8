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
import { type DatasetDocument, datasetsDir, labelsOf, loadDataset } from "../support/datasets";
import { getDocument, getLayout } from "../support/documents";
import { type ProjectHandle, uploadDatasetDocument, waitAll } from "../support/loop";
import { clickWords, fieldInput, fieldRow, findRun, waitForPageImage } from "../support/ui-review";

const root = datasetsDir();

/** Bootstrap receipts (labeled imports) and one held back for review; disjoint by stem. */
const BOOTSTRAP = 8;
const HELD_BACK = 150;

interface DocumentWithReview {
  status: string;
  fields: { name: string; value: string; tokenIds: string[]; modelVersion: number | null }[];
  review: { fields: { name: string; value: string; tokenIds: string[]; verdict: string }[] } | null;
}

/**
 * The UI with real models: the admin starts a retraining from the models page and watches it,
 * then a reviewer corrects a receipt that the new champion processed. Models are trained by the
 * platform itself from SROIE receipts (their own OCR layouts, so no time goes to OCR).
 */
describe.skipIf(!root)("the UI with a document processed by a real model", () => {
  const platform = platformWithUi();
  const project: ProjectHandle = { name: "default", token: platform.adminToken };
  let browser: { context: BrowserContext; close(): Promise<void> };
  let receipts: DatasetDocument[];

  beforeAll(async () => {
    receipts = loadDataset(root!, "sroie");
    await platform.start();
    browser = await launchBrowser();
    const ids = [];
    for (const doc of receipts.slice(0, BOOTSTRAP)) {
      ids.push(
        await uploadDatasetDocument(platform, project, doc, {
          category: "receipt",
          fields: labelsOf(doc),
        }),
      );
    }
    await waitAll(platform, project, ids);
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  const row = (page: Page, version: number) =>
    page.locator(`[data-testid="model-version-row"][data-version="${version}"]`);

  it("starts a retraining from the models page and shows its progress until the new champion", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.goto(`${platform.baseUrl}/models/extractor`);
    await page.getByTestId("start-training").click();

    // The run is polled while it works: its status and stage show up as they change.
    const run = page.getByTestId("training-run");
    const seen = new Set<string>();
    const deadline = Date.now() + 240_000;
    while ((await run.getAttribute("data-status").catch(() => null)) !== "succeeded") {
      const status = await run.getAttribute("data-status").catch(() => null);
      if (status === "failed") throw new Error(`training failed: ${await run.textContent()}`);
      if (status) seen.add(`${status}: ${(await run.textContent())?.split("—")[0]}`);
      if (Date.now() > deadline) throw new Error(`training still ${status}`);
      await page.waitForTimeout(250);
    }
    expect([...seen].some((s) => s.startsWith("running"))).toBe(true);

    await expect.poll(() => row(page, 1).getAttribute("data-champion")).toBe("true");
    expect(await row(page, 1).textContent()).toMatch(/[01]\.\d{3}/);
    const details = page.getByTestId("version-details");
    expect(await details.getByTestId("lineage").textContent()).toMatch(
      /\d+ train · \d+ validation/,
    );
    expect(await details.getByTestId("gate-report").textContent()).toContain("no champion");
    expect(await page.getByTestId("quality-chart").locator("[data-version]").count()).toBe(1);
    await saveScreenshot(page, "models-after-training");
  });

  it("shows a reviewer the model's fields, confidences and boxes, and stores the correction", async () => {
    // Everything below certainty needs a person: the processed receipt lands in the queue.
    await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { confidenceThreshold: 0.999 } }),
    });
    const truth = receipts[HELD_BACK]!;
    const [doc] = await waitAll(platform, project, [
      await uploadDatasetDocument(platform, project, truth),
    ]);
    expect(doc!.status).toBe("needs_review");
    const predicted = (await getDocument(platform, doc!.id)) as unknown as DocumentWithReview;
    expect(predicted.fields.length).toBeGreaterThan(0);
    expect(predicted.fields.every((f) => f.modelVersion === 1)).toBe(true);

    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, await createToken(platform, "reviewer"));
    await page.getByRole("link", { name: /Review queue/ }).click();
    await page.getByTestId("review-queue-item").first().getByRole("link").click();
    await page.getByTestId("review-screen").waitFor();
    expect(await page.locator(".review-header").textContent()).toContain("extractor v1");
    expect(await page.getByTestId("category-select").inputValue()).toBe("receipt");

    // Every predicted field: its value in the panel, its confidence (low here), its box.
    for (const f of predicted.fields) {
      expect(await fieldInput(page, f.name).inputValue()).not.toBe("");
    }
    expect(await page.locator(".confidence-low").count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId("field-box").count())
      .toBe(new Set(predicted.fields.filter((f) => f.tokenIds.length > 0).map((f) => f.name)).size);
    // A click on a box's label selects its field (labels of nearby boxes may overlap).
    await page.getByTestId("field-box").first().getByRole("button").dispatchEvent("click");
    const selected = page.locator('[data-testid="field-row"][aria-current="true"]');
    expect(await selected.getAttribute("data-field")).toBe(
      await page.getByTestId("field-box").first().getAttribute("data-field"),
    );
    await waitForPageImage(page);
    await saveScreenshot(page, "review-with-model");

    // Correct the total from the words that print it, accept the rest, save.
    const layout = await getLayout(platform, doc!.id);
    const total = findRun(layout, String(truth.fields.total));
    await fieldRow(page, "total").click();
    await clickWords(page, total);
    await page.getByTestId("accept-all").click();
    await page.getByTestId("save-review").click();
    await page.waitForURL(/\/queue$/);

    const stored = (await getDocument(platform, doc!.id)) as unknown as DocumentWithReview;
    expect(stored.status).toBe("reviewed");
    const saved = stored.review!.fields.find((f) => f.name === "total")!;
    expect(saved.tokenIds).toEqual(total.map((t) => t.id));
    expect(["accepted", "corrected", "added"]).toContain(saved.verdict);
    expect(page.problems).toEqual([]);
  });
});
