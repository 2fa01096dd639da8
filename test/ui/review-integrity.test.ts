import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Layout } from "@pagewise/core";
import { readLineItems } from "@pagewise/models";
import { saveDocumentResult } from "@pagewise/storage";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createToken,
  launchBrowser,
  openTab,
  platformWithUi,
  saveScreenshot,
  signIn,
} from "../support/browser";
import { getDocument, getLayout, upload, waitForTerminal } from "../support/documents";
import { ROOT } from "../support/platform";
import { storePredictions } from "../support/ui-predictions";
import { fieldInput, fieldRow, waitForPageImage } from "../support/ui-review";

/**
 * A receipt whose words sit close together: the company right above its address, the total
 * right after its currency. One line per array, boxes in normalized page coordinates.
 */
const LINES = [
  ["KEDAI", "MAJU"],
  ["NO", "12", "JALAN", "BUNGA"],
  ["TOTAL", "RM", "529,87"],
];
const Y = [0.1, 0.125, 0.15];

function receiptLayout() {
  const tokens = LINES.flatMap((words, line) =>
    words.map((text, i) => ({
      text,
      box: [0.1 + i * 0.09, Y[line]!, 0.18 + i * 0.09, Y[line]! + 0.018],
      line,
    })),
  );
  return { units: "normalized", pages: [{ index: 0, width: 1000, height: 1400, tokens }] };
}

interface StoredReview {
  status: string;
  review: {
    complete: boolean;
    absent: string[];
    fields: { name: string; value: string; normalized: string | null; verdict: string }[];
  } | null;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Field labels on the page that a person can see. */
async function visibleLabels(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const tag of await page.getByTestId("field-tag").all()) {
    if (await tag.isVisible()) names.push((await tag.textContent())!.replace(/^! /, ""));
  }
  return names.sort();
}

async function centreOf(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe("the review screen keeps reviews honest and the page readable", () => {
  const platform = platformWithUi();
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page & { problems: string[] };
  let id: string;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    const bytes = readFileSync(join(ROOT, "test/fixtures/sroie/files/X00016469619.jpg"));
    [id] = (await upload(platform, [{ name: "kedai.jpg", bytes }], {
      layout: receiptLayout(),
    })) as [string];
    expect((await waitForTerminal(platform, id, 60_000)).status).toBe("needs_review");
    // The model found company, address and total (not the date), none of them confidently.
    await storePredictions(platform, id, {
      category: "receipt",
      confidence: 0.9,
      fields: [
        {
          name: "company",
          value: "KEDAI MAJU",
          confidence: 0.55,
          page: 0,
          tokenIds: ["0:0", "0:1"],
        },
        {
          name: "address",
          value: "NO 12 JALAN BUNGA",
          confidence: 0.5,
          page: 0,
          tokenIds: ["0:2", "0:3", "0:4", "0:5"],
        },
        { name: "total", value: "529,87", confidence: 0.6, page: 0, tokenIds: ["0:8"] },
      ],
    });
    page = await openTab(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("says a wrong token was not accepted instead of 'signed out'", async () => {
    // A tab of its own: the refused request is logged in its console, as it should be.
    const page = await openTab(browser.context);
    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId("sign-in-token").fill("pw_not_a_real_token");
    await page.getByTestId("sign-in-submit").click();
    const banner = page.getByTestId("sign-in-rejected");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("This token was not accepted");
    expect(await page.locator(".sign-in-card").textContent()).not.toMatch(/signed out/i);
    await page.close();
  });

  it("labels only the selected and the hovered field on the page; L shows them all", async () => {
    await signIn(page, platform.baseUrl, await createToken(platform, "reviewer"));
    await page.goto(`${platform.baseUrl}/documents/${id}`);
    await page.getByTestId("review-screen").waitFor();
    await waitForPageImage(page);
    await expect.poll(() => page.getByTestId("field-box").count()).toBe(3);

    // The first field is selected on open: its label only.
    expect(await visibleLabels(page)).toEqual(["company"]);
    // Hovering the address (just below the company) adds its label, leaving it takes it away.
    const address = page.locator('[data-testid="field-box"][data-field="address"]');
    const at = await centreOf(address);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await expect.poll(() => visibleLabels(page)).toEqual(["address", "company"]);
    await page.mouse.move(5, 5);
    await expect.poll(() => visibleLabels(page)).toEqual(["company"]);

    // The label of the hovered field can be clicked to select it.
    await page.mouse.move(at.x, at.y, { steps: 3 });
    await address.getByTestId("field-tag").click();
    const selected = page.locator('[data-testid="field-row"][aria-current="true"]');
    await expect.poll(() => selected.getAttribute("data-field")).toBe("address");

    // Shown together, labels of neighbouring fields cover each other: only on request (L).
    await page.mouse.move(5, 5);
    await page.keyboard.press("l");
    await expect.poll(() => visibleLabels(page)).toEqual(["address", "company", "total"]);
    await page.keyboard.press("l");
    await expect.poll(() => visibleLabels(page)).toEqual(["address"]);
    await page.keyboard.press("?");
    expect(await page.getByTestId("help-overlay").textContent()).toMatch(
      /Show every field's label/,
    );
    expect(await page.getByTestId("help-overlay").textContent()).toContain("Redo");
    await page.keyboard.press("Escape");

    // Word boxes are drawn strongly enough to see on a grey scan: a mostly opaque line.
    const border = await page
      .getByTestId("token-box")
      .first()
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }
          ).getComputedStyle(el).borderTopColor,
      );
    const alpha = Number(/rgba?\([^)]*?,\s*([\d.]+)\)$/.exec(border)?.[1] ?? 1);
    expect(alpha).toBeGreaterThanOrEqual(0.6);
    await saveScreenshot(page, "review-labels");
    expect(page.problems).toEqual([]);
  });

  it("refuses to complete a review nobody checked, names the fields, and saves once they are", async () => {
    await page.goto(`${platform.baseUrl}/documents/${id}`);
    await page.getByTestId("review-screen").waitFor();
    await waitForPageImage(page);
    expect(await page.getByTestId("review-progress").textContent()).toMatch(/^0 of 4 checked/);

    // Ctrl+Enter with nothing checked and the required date empty: nothing is saved.
    await page.keyboard.press("Control+Enter");
    const incomplete = page.getByTestId("review-incomplete");
    await incomplete.waitFor();
    expect(await incomplete.getByTestId("review-missing").textContent()).toContain("Date");
    expect(await incomplete.getByTestId("review-unchecked").textContent()).toMatch(
      /Company.*Address.*Total/,
    );
    expect(page.url()).toContain(`/documents/${id}`);
    expect(((await getDocument(platform, id)) as unknown as StoredReview).review).toBeNull();

    // A correction shows itself as one: not the model's old value and confidence.
    await fieldInput(page, "company").fill("KEDAI MAJU SDN BHD");
    const company = fieldRow(page, "company");
    await company.getByTestId("field-corrected").waitFor();
    expect(await company.getByTestId("field-confidence").count()).toBe(0);
    expect(await company.getByTestId("field-meta").textContent()).toContain("→ KEDAI MAJU SDN BHD");
    // The same amount written another way is no correction.
    await fieldInput(page, "total").fill("529.87");
    expect(await fieldRow(page, "total").getByTestId("field-corrected").count()).toBe(0);
    await page.keyboard.press("Escape");

    // The date is not on this receipt: mark it from the keyboard (k/j to it, X).
    await page.keyboard.press("Escape");
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    const selected = page.locator('[data-testid="field-row"][aria-current="true"]');
    await expect.poll(() => selected.getAttribute("data-field")).toBe("date");
    await page.keyboard.press("x");
    await expect.poll(() => fieldRow(page, "date").getAttribute("data-state")).toBe("absent");
    expect(await incomplete.getByTestId("review-missing").count()).toBe(0);
    expect(await incomplete.getByTestId("review-unchecked").textContent()).toContain("Address");
    // Still unchecked: the address. Accepting it is one explicit click.
    await incomplete.getByRole("button", { name: /Accept/ }).click();
    await incomplete.waitFor({ state: "detached" });
    await saveScreenshot(page, "review-integrity-ready");

    await page.keyboard.press("Control+s");
    // The confirmation covers none of the review's controls.
    const toast = page.locator(".toast").first();
    await toast.waitFor();
    const toastBox = (await toast.boundingBox())!;
    const controls = page.locator(
      ".review-actions button, .panel-footer button, .viewer-toolbar button, .topbar a, .topbar button",
    );
    for (const control of await controls.all()) {
      const box = await control.boundingBox();
      if (box) expect(overlaps(toastBox, box), String(await control.textContent())).toBe(false);
    }
    await expect
      .poll(async () => ((await getDocument(platform, id)) as unknown as StoredReview).status)
      .toBe("reviewed");
    const stored = (await getDocument(platform, id)) as unknown as StoredReview;
    expect(stored.review?.complete).toBe(true);
    expect(stored.review?.absent).toEqual(["date"]);
    expect(stored.review?.fields.map((f) => [f.name, f.value, f.normalized, f.verdict])).toEqual([
      ["company", "KEDAI MAJU SDN BHD", "KEDAI MAJU SDN BHD", "corrected"],
      ["address", "NO 12 JALAN BUNGA", "NO 12 JALAN BUNGA", "accepted"],
      ["total", "529.87", "529.87", "accepted"],
    ]);

    expect(page.problems).toEqual([]);
  });

  it("lists an invoice's line items: its XML's, or those read from its pages, shown on the page", async () => {
    const zugferd = (stem: string) => join(ROOT, `test/fixtures/zugferd/files/${stem}.pdf`);
    const [xmlId] = (await upload(platform, [
      zugferd("mustang2__MustangGnuaccountingBeispielRE-20190610_507"),
    ])) as [string];
    expect((await waitForTerminal(platform, xmlId, 60_000)).status).toBe("processed");
    // A PDF whose XML is not read (the project turns e-invoices off): its lines come from the
    // page, stored as the worker's extract stage stores them for an invoice.
    const setXml = (on: boolean) =>
      platform.request("/v1/projects/default", {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ settings: { readEInvoices: on } }),
      });
    expect((await setXml(false)).status).toBe(200);
    const [readId] = (await upload(platform, [zugferd("zf10__ZUGFeRD_1p0_BASIC_Einfach")])) as [
      string,
    ];
    await waitForTerminal(platform, readId, 60_000);
    expect((await setXml(true)).status).toBe(200);
    const layout = await getLayout(platform, readId);
    await saveDocumentResult(platform.db, {
      documentId: readId,
      kind: "line_items",
      modelVersionId: null,
      modelVersion: null,
      data: readLineItems(layout as unknown as Layout),
    });

    // `page` is signed in as a reviewer since the tests above.
    await page.goto(`${platform.baseUrl}/documents/${xmlId}`);
    const panel = page.getByTestId("line-items");
    await panel.waitFor();
    expect(await panel.textContent()).toContain("from the e-invoice XML");
    await expect.poll(() => panel.getByTestId("line-item-row").count()).toBe(3);

    await page.goto(`${platform.baseUrl}/documents/${readId}`);
    await waitForPageImage(page);
    await panel.waitFor();
    expect(await panel.textContent()).toContain("read from the pages");
    const rows = panel.getByTestId("line-item-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Trennblätter A4");
    expect(await rows.first().textContent()).toContain("198,00");
    // A click outlines the row on the page, around its words.
    await rows.first().click();
    const outline = page.getByTestId("line-item-box");
    await outline.waitFor();
    const amount = page.locator('[data-testid="token-box"][title="198,00"]').first();
    const inside = (await amount.boundingBox())!;
    const box = (await outline.boundingBox())!;
    expect(box.x <= inside.x && box.x + box.width >= inside.x + inside.width).toBe(true);
    expect(box.y <= inside.y && box.y + box.height >= inside.y + inside.height).toBe(true);
    await saveScreenshot(page, "review-line-items");
    expect(page.problems).toEqual([]);
  });
});
