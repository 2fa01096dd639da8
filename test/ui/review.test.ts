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
import { getDocument, getLayout, readJson, upload, waitForTerminal } from "../support/documents";
import { ROOT } from "../support/platform";
import { clickWords, dragOverWords, fieldInput, fieldRow, findRun } from "../support/ui-review";

const SROIE = join(ROOT, "test/fixtures/sroie");
const STEMS = ["X51005442341", "X51005306399"];
const truth = (stem: string) =>
  readJson<{ fields: Record<string, string> }>(join(SROIE, `gt/${stem}.json`)).fields;

interface ReviewJson {
  status: string;
  review: {
    category: string;
    fields: { name: string; value: string; tokenIds: string[]; verdict: string | null }[];
  } | null;
}

describe("reviewing documents in a real browser", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page & { problems: string[] };
  const stemOf = new Map<string, string>();

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
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
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
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
    const stored = (await getDocument(platform, id)) as unknown as ReviewJson;
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
    await page.keyboard.press("Shift+A");
    await expect.poll(() => page.getByTestId("review-progress").textContent()).toMatch(/^4 of 4/);
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

    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], b').count()).toBe(0);
    expect(page.problems).toEqual([]);
  });
});
