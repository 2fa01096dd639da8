import { join } from "node:path";
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
import { getDocument, getLayout, readJson, upload, waitForTerminal } from "../support/documents";
import { type ProjectHandle, uploadDatasetDocument, waitAll } from "../support/loop";
import { ROOT } from "../support/platform";
import { createProjectAdmin, watchTraining } from "../support/ui-models";
import {
  clickWords,
  dragOverWords,
  fieldInput,
  fieldRow,
  findRun,
  getLayoutAs,
  waitForPageImage,
} from "../support/ui-review";

const SROIE = join(ROOT, "test/fixtures/sroie");
const STEMS = ["X51005442341", "X51005306399"];
const truth = (stem: string) =>
  readJson<{ fields: Record<string, string> }>(join(SROIE, `gt/${stem}.json`)).fields;
const datasets = datasetsDir();

/** Bootstrap receipts (labeled imports) and one held back for review; disjoint by stem. */
const BOOTSTRAP = 8;
const HELD_BACK = 150;

interface DocumentWithReview {
  status: string;
  fields: { name: string; value: string; tokenIds: string[]; modelVersion: number | null }[];
  review: {
    category: string;
    fields: { name: string; value: string; tokenIds: string[]; verdict: string | null }[];
  } | null;
}

describe("reviewing documents in a real browser", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  describe("before any model exists", () => {
    let page: Page & { problems: string[] };
    const stemOf = new Map<string, string>();

    beforeAll(async () => {
      // Receipts with their dataset layout: read at once (no OCR), no model yet, so both wait
      // for a person in the review queue.
      for (const stem of STEMS) {
        const [id] = await upload(platform, [join(SROIE, `files/${stem}.jpg`)], {
          layout: readJson(join(SROIE, `layout/${stem}.json`)),
        });
        stemOf.set(id!, stem);
      }
      for (const id of stemOf.keys()) {
        expect((await waitForTerminal(platform, id, 60_000)).status).toBe("needs_review");
      }
      page = await openTab(browser.context);
    });

    it("corrects fields by clicking and dragging over words, saves, and opens the next document", async () => {
      await signIn(page, platform.baseUrl, await createToken(platform, "reviewer"));
      await page.getByRole("link", { name: /Review queue/ }).click();
      await expect.poll(() => page.getByTestId("review-queue-item").count()).toBe(2);
      await page.getByTestId("review-queue-item").first().getByRole("link").click();

      const screen = page.getByTestId("review-screen");
      await screen.waitFor();
      const id = (await screen.getAttribute("data-document-id"))!;
      const stem = stemOf.get(id)!;
      const layout = await getLayout(platform, id);

      // The page image arrives (fetched with the token) and every word is boxed where it is.
      const image = page.getByTestId("page-image");
      await expect
        .poll(() =>
          image.evaluate((img) => {
            const loaded = img as unknown as { complete: boolean; naturalWidth: number };
            return loaded.complete ? loaded.naturalWidth : 0;
          }),
        )
        .toBeGreaterThan(0);
      const tokens = layout.pages[0]!.tokens;
      expect(await page.getByTestId("token-box").count()).toBe(tokens.length);
      const imageBox = (await image.boundingBox())!;
      for (const token of [tokens[0]!, tokens.at(-1)!]) {
        const box = (await page.locator(`[data-token-id="${token.id}"]`).boundingBox())!;
        expect((box.x - imageBox.x) / imageBox.width).toBeCloseTo(token.box[0]!, 2);
        expect((box.y - imageBox.y) / imageBox.height).toBeCloseTo(token.box[1]!, 2);
      }

      // No model has classified it: the reviewer picks the category, then fixes the fields.
      await page.getByTestId("category-select").selectOption("receipt");
      const gt = truth(stem);
      const company = findRun(layout, gt.company!);
      await fieldRow(page, "company").click();
      await clickWords(page, company);
      await expect
        .poll(() => fieldInput(page, "company").inputValue())
        .toBe(company.map((t) => t.text).join(" "));
      await expect(
        page.locator('[data-testid="field-box"][data-field="company"]').isVisible(),
      ).resolves.toBe(true);

      const address = findRun(layout, gt.address!);
      await fieldRow(page, "address").click();
      await dragOverWords(page, address);
      await expect
        .poll(() => fieldInput(page, "address").inputValue())
        .toBe(address.map((t) => t.text).join(" "));

      await fieldInput(page, "date").fill(gt.date!);
      const total = findRun(layout, gt.total!);
      await fieldRow(page, "total").click();
      await clickWords(page, total);
      await saveScreenshot(page, "review-screen");

      await page.getByTestId("save-review").click();
      const next = [...stemOf.keys()].find((d) => d !== id)!;
      await page.waitForURL(new RegExp(`/documents/${next}\\?from=queue`));
      await expect
        .poll(() => page.getByTestId("review-screen").getAttribute("data-document-id"))
        .toBe(next);

      // The review is stored with exactly the words that were clicked and dragged over.
      const stored = (await getDocument(platform, id)) as unknown as DocumentWithReview;
      expect(stored.status).toBe("reviewed");
      expect(stored.review?.category).toBe("receipt");
      const field = (name: string) => stored.review?.fields.find((f) => f.name === name);
      expect(field("company")?.tokenIds).toEqual(company.map((t) => t.id));
      expect(field("company")?.value).toBe(company.map((t) => t.text).join(" "));
      expect(field("address")?.tokenIds).toEqual(address.map((t) => t.id));
      expect(field("total")?.tokenIds).toEqual(total.map((t) => t.id));
      expect(field("date")).toMatchObject({ value: gt.date, tokenIds: [] });
      expect(page.problems).toEqual([]);
    });

    it("works from the keyboard: help, next and previous field, edit, accept, undo", async () => {
      await page.keyboard.press("?");
      await page.getByTestId("help-overlay").waitFor();
      expect(await page.getByTestId("help-overlay").textContent()).toContain("Undo");
      await page.keyboard.press("Escape");
      await page.getByTestId("help-overlay").waitFor({ state: "detached" });

      await page.getByTestId("category-select").selectOption("receipt");
      await page.getByTestId("category-select").blur();
      const selected = () => page.locator('[data-testid="field-row"][aria-current="true"]');
      await expect.poll(() => selected().getAttribute("data-field")).toBe("company");
      await page.keyboard.press("j");
      await expect.poll(() => selected().getAttribute("data-field")).toBe("date");
      await page.keyboard.press("k");
      await expect.poll(() => selected().getAttribute("data-field")).toBe("company");

      // Type a value, accept it with Enter: it is checked and the next field is selected.
      await page.keyboard.press("e");
      await page.keyboard.type("ACME TRADING");
      await page.keyboard.press("Enter");
      expect(await fieldRow(page, "company").getAttribute("data-state")).toBe("accepted");
      await expect.poll(() => selected().getAttribute("data-field")).toBe("date");

      // Fill a field from a word, then undo it.
      const id = (await page.getByTestId("review-screen").getAttribute("data-document-id"))!;
      const layout = await getLayout(platform, id);
      await clickWords(page, findRun(layout, truth(stemOf.get(id)!).date!));
      expect(await fieldInput(page, "date").inputValue()).not.toBe("");
      await page.keyboard.press("Control+z");
      expect(await fieldInput(page, "date").inputValue()).toBe("");
      // Clear a field with Backspace; undo brings its value back.
      await page.keyboard.press("k");
      await expect.poll(() => selected().getAttribute("data-field")).toBe("company");
      await page.keyboard.press("Backspace");
      expect(await fieldInput(page, "company").inputValue()).toBe("");
      await page.keyboard.press("Control+z");
      expect(await fieldInput(page, "company").inputValue()).toBe("ACME TRADING");
      await page.keyboard.press("Shift+A");
      await expect.poll(() => page.getByTestId("review-progress").textContent()).toMatch(/^4 of 4/);

      // Unsaved corrections: leaving through a link asks first; saying no stays here.
      const asked = new Promise<string>((resolve) =>
        page.once("dialog", (dialog) => {
          resolve(dialog.message());
          void dialog.dismiss();
        }),
      );
      await page.getByRole("link", { name: "Documents", exact: true }).click();
      expect(await asked).toContain("without saving");
      expect(await page.getByTestId("review-screen").count()).toBe(1);
      expect(page.problems).toEqual([]);
    });

    it("shows text from a document as text, never as markup or script", async () => {
      const hostile = [
        "<script>window.__pwned=1</script>",
        '<img src=x onerror="window.__pwned=2">',
        "<b>bold</b>",
      ];
      const layout = {
        units: "normalized",
        pages: [
          {
            index: 0,
            width: 1000,
            height: 1400,
            tokens: hostile.map((text, i) => ({
              text,
              box: [0.1, 0.1 + i * 0.1, 0.6, 0.15 + i * 0.1],
            })),
          },
        ],
      };
      const name = "<img src=x onerror=window.__pwned=3>.jpg";
      const bytes = (await import("node:fs")).readFileSync(join(SROIE, "files/X00016469619.jpg"));
      const [id] = await upload(platform, [{ name, bytes }], { layout });
      await waitForTerminal(platform, id!, 60_000);

      await page.goto(`${platform.baseUrl}/documents/${id}`);
      await page.getByTestId("review-screen").waitFor();
      await page.getByTestId("category-select").selectOption("receipt");
      await fieldRow(page, "company").click();
      await page.locator('[data-token-id="0:0"]').click();
      await fieldRow(page, "address").click();
      await page.locator('[data-token-id="0:1"]').click();
      // A complete review accounts for every required field: these are not on this "receipt".
      for (const name of ["date", "total"]) {
        await fieldRow(page, name).getByTestId("absent-field").click();
      }
      await page.getByTestId("save-only").click();
      await expect.poll(async () => (await getDocument(platform, id!)).status).toBe("reviewed");

      // Reloaded from the API: the stored values and the file name appear literally.
      await page.reload();
      await page.getByTestId("review-screen").waitFor();
      expect(await fieldInput(page, "company").inputValue()).toBe(hostile[0]);
      expect(await fieldInput(page, "address").inputValue()).toBe(hostile[1]);
      expect(await page.locator("h1").textContent()).toBe(name);
      await page.getByRole("link", { name: "Documents", exact: true }).click();
      await page.getByTestId("document-row").first().waitFor();
      expect(await page.getByTestId("documents-table").textContent()).toContain(name);

      expect(
        await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned),
      ).toBeUndefined();
      expect(await page.locator('img[src="x"], b').count()).toBe(0);
      expect(page.problems).toEqual([]);
    });
  });

  /**
   * With real models, trained by the platform itself from SROIE receipts (their own OCR layouts,
   * so no time goes to OCR) in a project of their own: the admin starts the retraining from the
   * models page and watches it; a reviewer corrects a receipt that the new champion processed.
   */
  describe.skipIf(!datasets)("with a document processed by a real model", () => {
    let project: ProjectHandle;
    let receipts: DatasetDocument[];

    beforeAll(async () => {
      receipts = loadDataset(datasets!, "sroie");
      project = { name: "receipts", token: await createProjectAdmin(platform, "receipts") };
      const ids = [];
      for (const doc of receipts.slice(0, BOOTSTRAP)) {
        const labels = { category: "receipt", fields: labelsOf(doc) };
        ids.push(await uploadDatasetDocument(platform, project, doc, labels));
      }
      await waitAll(platform, project, ids);
    });

    const row = (page: Page, version: number) =>
      page.locator(`[data-testid="model-version-row"][data-version="${version}"]`);

    it("starts a retraining from the models page and shows its progress until the new champion", async () => {
      const page = await openTab(browser.context);
      await signIn(page, platform.baseUrl, project.token);
      await page.goto(`${platform.baseUrl}/models/extractor`);
      await page.getByTestId("start-training").click();

      // The run is polled while it works: its status and stage show up as they change.
      const seen = await watchTraining(page);
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
      await platform.request(
        `/v1/projects/${project.name}`,
        {
          method: "PATCH",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ settings: { confidenceThreshold: 0.999 } }),
        },
        project.token,
      );
      const truth = receipts[HELD_BACK]!;
      const [doc] = await waitAll(platform, project, [
        await uploadDatasetDocument(platform, project, truth),
      ]);
      expect(doc!.status).toBe("needs_review");
      const predicted = (await getDocument(
        platform,
        doc!.id,
        project.name,
        project.token,
      )) as unknown as DocumentWithReview;
      expect(predicted.fields.length).toBeGreaterThan(0);
      expect(predicted.fields.every((f) => f.modelVersion === 1)).toBe(true);

      const page = await openTab(browser.context);
      const reviewer = await createToken(platform, "reviewer", {
        project: project.name,
        adminToken: project.token,
      });
      await signIn(page, platform.baseUrl, reviewer);
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
        .toBe(
          new Set(predicted.fields.filter((f) => f.tokenIds.length > 0).map((f) => f.name)).size,
        );
      // A click on a box's label selects its field (labels of nearby boxes may overlap).
      await page.getByTestId("field-box").first().getByRole("button").dispatchEvent("click");
      const selected = page.locator('[data-testid="field-row"][aria-current="true"]');
      expect(await selected.getAttribute("data-field")).toBe(
        await page.getByTestId("field-box").first().getAttribute("data-field"),
      );
      await waitForPageImage(page);
      await saveScreenshot(page, "review-with-model");

      // Correct the total from the words that print it, accept the rest, save.
      const layout = await getLayoutAs(platform, doc!.id, project);
      const total = findRun(layout, String(truth.fields.total));
      await fieldRow(page, "total").click();
      await clickWords(page, total);
      // A required field the model did not find must be marked absent to complete the review.
      for (const name of ["company", "date"]) {
        if ((await fieldInput(page, name).inputValue()) === "") {
          await fieldRow(page, name).getByTestId("absent-field").click();
        }
      }
      await page.getByTestId("accept-all").click();
      await page.getByTestId("save-review").click();
      await page.waitForURL(/\/queue$/);

      const stored = (await getDocument(
        platform,
        doc!.id,
        project.name,
        project.token,
      )) as unknown as DocumentWithReview;
      expect(stored.status).toBe("reviewed");
      const saved = stored.review!.fields.find((f) => f.name === "total")!;
      expect(saved.tokenIds).toEqual(total.map((t) => t.id));
      expect(["accepted", "corrected", "added"]).toContain(saved.verdict);
      expect(page.problems).toEqual([]);
    });

    it("gates the next retraining against the champion and shows the report per field", async () => {
      const page = await openTab(browser.context);
      await signIn(page, platform.baseUrl, project.token);
      await page.goto(`${platform.baseUrl}/models/extractor`);
      await page.getByTestId("start-training").click();
      await watchTraining(page);

      await expect.poll(() => page.getByTestId("model-version-row").count()).toBe(2);
      await row(page, 2).getByRole("button", { name: "v2", exact: true }).click();
      const report = page.getByTestId("version-details").getByTestId("gate-report");
      expect(await report.textContent()).toContain("challenger v2 against champion v1");
      const chart = report.getByTestId("gate-chart");
      expect(await chart.locator(".chart-bar-champion").count()).toBeGreaterThan(1);
      expect(await report.locator("tbody tr").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("quality-chart").locator("[data-version]").count()).toBe(2);
      await report.scrollIntoViewIfNeeded();
      await saveScreenshot(page, "models-gate-report");
      expect(page.problems).toEqual([]);
    });
  });
});
