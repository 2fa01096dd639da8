import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openTab, platformWithUi, saveScreenshot, signIn } from "../support/browser";
import type { DatasetDocument } from "../support/datasets";
import { readJson } from "../support/documents";
import { createProject, type ProjectHandle, uploadDatasetDocument, waitAll } from "../support/loop";
import { ROOT } from "../support/platform";

const FIXTURES = join(ROOT, "test/fixtures");

/** A receipt with the dataset's own layout, imported with its true category and fields. */
function receipt(file: string, layout: string, gt: string): DatasetDocument {
  const truth = readJson<{ fields: Record<string, string> }>(join(FIXTURES, gt));
  return {
    stem: file,
    file: join(FIXTURES, file),
    type: "receipt",
    fields: truth.fields,
    layout: readJson(join(FIXTURES, layout)),
  };
}

const RECEIPTS = [
  receipt(
    "search/X51008123580.jpg",
    "search/X51008123580.layout.json",
    "search/X51008123580.gt.json",
  ),
  receipt(
    "sroie/files/X51005442341.jpg",
    "sroie/layout/X51005442341.json",
    "sroie/gt/X51005442341.json",
  ),
  receipt(
    "sroie/files/X00016469619.jpg",
    "sroie/layout/X00016469619.json",
    "sroie/gt/X00016469619.json",
  ),
];

/** The documents list's search box, snippets, sort and a category's field columns. */
describe("searching the documents list in a real browser", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };
  let project: ProjectHandle;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    project = await createProject(platform, "search-ui");
    const ids: string[] = [];
    for (const doc of RECEIPTS) {
      ids.push(
        await uploadDatasetDocument(platform, project, doc, {
          category: "receipt",
          fields: Object.entries(doc.fields).map(([name, value]) => ({
            name,
            value: String(value),
          })),
        }),
      );
    }
    await waitAll(platform, project, ids);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("finds a receipt by the shop's name, marks the words, sorts, and shows the key fields", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, project.token);
    await page.getByRole("link", { name: "Documents" }).click();
    const rows = page.getByTestId("document-row");
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByTestId("document-search").fill("MR. D.I.Y");
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain("X51008123580.jpg");
    const marks = rows.first().getByTestId("document-snippet").locator("mark");
    await expect.poll(() => marks.allTextContents()).toEqual(["MR.", "D.I.Y."]);
    expect(await page.getByTestId("sort-select").inputValue()).toBe("relevance");
    await saveScreenshot(page, "search-snippet");

    // Whole words: two receipts say JOHOR; none says it together with SHELL.
    await page.getByTestId("document-search").fill("johor");
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId("document-search").fill("johor shell");
    await expect.poll(() => page.getByText("No documents match").count()).toBe(1);

    // No search: sorted by file name, both ways.
    await page.getByTestId("document-search").fill("");
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByTestId("sort-select").selectOption("filename");
    const names = () =>
      rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector(".col-name a")?.textContent));
    await expect.poll(names).toEqual(["X00016469619.jpg", "X51005442341.jpg", "X51008123580.jpg"]);
    await page.getByTestId("sort-select").selectOption("-filename");
    await expect.poll(names).toEqual(["X51008123580.jpg", "X51005442341.jpg", "X00016469619.jpg"]);

    // A category shows its key fields as columns, and offers them as sorts.
    await page.getByTestId("category-filter").selectOption("receipt");
    await expect
      .poll(() => page.getByTestId("field-column").allTextContents())
      .toEqual(["Company", "Date", "Total"]);
    expect(
      await page.locator('[data-testid="sort-select"] option[value="field:total"]').count(),
    ).toBe(1);
    expect(page.problems).toEqual([]);
  });
});
