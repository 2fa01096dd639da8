import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createToken,
  dropFile,
  launchBrowser,
  openTab,
  platformWithUi,
  readableCredentials,
  saveScreenshot,
  signIn,
} from "../support/browser";
import { readJson, upload, waitForTerminal } from "../support/documents";
import { ROOT } from "../support/platform";
import { createProjectAdmin, registerVersion } from "../support/ui-models";
import { waitForPageImage } from "../support/ui-review";

const FIXTURES = join(ROOT, "test/fixtures");

interface MoveJson {
  fromVersion: number | null;
  toVersion: number | null;
  reason: string;
}

/** Signing in, the overview, the documents list and the models page, on one platform. */
describe("the project's screens in a real browser", () => {
  const platform = platformWithUi();
  const project = "ui-models";
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: string;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    const stem = "X51005442341";
    const [id] = await upload(platform, [join(FIXTURES, `sroie/files/${stem}.jpg`)], {
      layout: readJson(join(FIXTURES, `sroie/layout/${stem}.json`)),
    });
    await waitForTerminal(platform, id!, 60_000);
    admin = await createProjectAdmin(platform, project);
    await registerVersion(platform, project, admin, 1);
    await registerVersion(platform, project, admin, 2);
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("has a typed client that matches the API's OpenAPI document", () => {
    // packages/client/src/openapi.gen.ts is generated from /openapi.json; a changed API must
    // regenerate it (pnpm --filter @pagewise/client generate:api <url>), or this fails.
    const check = spawnSync(
      join(ROOT, "node_modules/.bin/tsx"),
      [join(ROOT, "packages/client/scripts/generate-api-types.ts"), platform.baseUrl, "--check"],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(check.stderr + check.stdout).toContain("API types are up to date.");
    expect(check.status).toBe(0);
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
    // The token was exchanged for an HttpOnly cookie: the page's JavaScript holds neither.
    const readable = await readableCredentials(page);
    expect(JSON.stringify(readable)).not.toContain(platform.adminToken);
    expect(readable.cookie).not.toContain("pagewise_session");
    const cookies = await page.context().cookies(platform.baseUrl);
    expect(cookies.find((c) => c.name === "pagewise_session")).toMatchObject({
      httpOnly: true,
      sameSite: "Lax",
    });
    // A reload keeps the session of this tab.
    await page.reload();
    await page.getByTestId("sign-out").waitFor();
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-token").waitFor();
    // Signed out on the server: the old cookie no longer works.
    const old = cookies.find((c) => c.name === "pagewise_session");
    const after = await fetch(`${platform.baseUrl}/v1/session`, {
      headers: { Cookie: `pagewise_session=${old?.value}` },
    });
    expect(after.status).toBe(401);
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
    // The row follows the document to its final status (no model yet: it waits for a person).
    await expect
      .poll(() => item.getAttribute("data-status"), { timeout: 60_000 })
      .toBe("needs_review");
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

  it("refuses a text file named .pdf at once, and explains a PDF that cannot be read", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, await createToken(platform, "uploader"));
    await page.goto(platform.baseUrl + "/documents");
    await page.getByTestId("upload-input").setInputFiles([
      {
        name: "notes.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("just some text with a .pdf name"),
      },
      {
        name: "broken.pdf",
        mimeType: "application/pdf",
        buffer: readFileSync(join(FIXTURES, "pdfjs_malformed/files/bug1020226.pdf")),
      },
    ]);
    const refused = page.getByTestId("upload-item").filter({ hasText: "notes.pdf" });
    await expect.poll(() => refused.getAttribute("data-status")).toBe("failed");
    expect(await refused.textContent()).toContain("'notes.pdf' is not a PDF, PNG, JPEG or TIFF");

    const row = page.getByTestId("document-row").filter({ hasText: "broken.pdf" });
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain("Failed");
    const reason = await row.locator(".text-danger").textContent();
    expect(reason?.length).toBeGreaterThan(10);
    expect(await page.getByTestId("document-row").filter({ hasText: "notes.pdf" }).count()).toBe(0);
    await row.getByRole("link").click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("This document could not be read.");
    expect(await alert.textContent()).toContain("corrupt_pdf");
    // The refused upload answered 415: the console says so, nothing else went wrong.
    expect(page.problems.filter((p) => !p.includes("415"))).toEqual([]);
  });

  it("turns the pages of a multi-page document, each with its own words", async () => {
    const [id] = await upload(platform, [
      join(FIXTURES, "kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf"),
    ]);
    await waitForTerminal(platform, id!, 120_000);
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.goto(`${platform.baseUrl}/documents/${id}`);
    const indicator = page.getByTestId("page-indicator");
    await expect.poll(() => indicator.textContent()).toBe("Page 1 of 5");
    await waitForPageImage(page);
    const first = await page.getByTestId("token-box").first().getAttribute("data-token-id");
    expect(first).toMatch(/^0:/);
    await page.keyboard.press("]");
    await expect.poll(() => indicator.textContent()).toBe("Page 2 of 5");
    await waitForPageImage(page);
    expect(await page.getByTestId("token-box").first().getAttribute("data-token-id")).toMatch(
      /^1:/,
    );
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect.poll(() => indicator.textContent()).toBe("Page 1 of 5");
    expect(page.problems).toEqual([]);
  });

  const row = (page: Page, version: number) =>
    page.locator(`[data-testid="model-version-row"][data-version="${version}"]`);

  async function promote(page: Page, version: number, reason?: string) {
    await row(page, version).getByTestId("promote-button").click();
    if (reason) await page.getByTestId("promote-reason").fill(reason);
    await page.getByTestId("promote-confirm").click();
    await expect.poll(() => row(page, version).getAttribute("data-champion")).toBe("true");
  }

  it("lets an admin promote a version and roll back, recorded in the alias history", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, admin);
    await page.getByRole("link", { name: "Models", exact: true }).click();
    await expect.poll(() => page.getByTestId("model-version-row").count()).toBe(2);
    expect(await page.getByTestId("promote-button").count()).toBe(2);

    await promote(page, 2, "first champion");
    expect(await row(page, 1).getByTestId("promote-button").textContent()).toContain(
      "Roll back to v1",
    );
    await promote(page, 1);
    expect(await row(page, 2).getAttribute("data-champion")).toBe("false");
    await expect.poll(() => page.getByTestId("alias-move").count()).toBe(2);
    await saveScreenshot(page, "models-screen");

    const res = await platform.request(
      `/v1/projects/${project}/models/extractor/aliases/history`,
      {},
      admin,
    );
    const moves = ((await res.json()) as { items: MoveJson[] }).items;
    expect(moves.map((m) => [m.fromVersion, m.toVersion, m.reason])).toEqual([
      [null, 2, "first champion"],
      [2, 1, "Roll back from the UI"],
    ]);

    // A retraining without reviewed documents is refused, and the page says why in words.
    await page.getByTestId("start-training").click();
    const alert = page.getByTestId("training-panel").getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Not enough reviewed documents yet.*at least 4/);
    expect(page.problems.filter((p) => !p.includes("409"))).toEqual([]);
  });

  it("takes the instance admin to the queue dashboard, and forgets it on sign-out", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.getByTestId("open-queues").click();
    await page.waitForURL(`${platform.baseUrl}/admin/queues`);
    await page.getByText("pipeline", { exact: true }).first().click();
    // A queue's page: its jobs by state, read through the dashboard's own API.
    await page.waitForURL(`${platform.baseUrl}/admin/queues/queue/pipeline**`);
    await page
      .getByText(/^completed$/i)
      .first()
      .waitFor({ state: "visible", timeout: 30_000 });
    await saveScreenshot(page, "queues");
    // The page's web-font link is refused by the CSP (everything is served offline); nothing
    // else may go wrong.
    expect(page.problems.filter((p) => !p.includes("fonts.googleapis.com"))).toEqual([]);

    await page.goto(platform.baseUrl + "/");
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-token").waitFor();
    const dashboard = () =>
      page
        .context()
        .request.get(`${platform.baseUrl}/admin/queues`)
        .then((r) => r.status());
    await expect.poll(dashboard).toBe(404);
  });

  it("shows a reviewer the versions without the admin's controls", async () => {
    const page = await openTab(browser.context);
    const reviewer = await createToken(platform, "reviewer", { project, adminToken: admin });
    await signIn(page, platform.baseUrl, reviewer);
    await page.goto(`${platform.baseUrl}/models/extractor`);
    await expect.poll(() => page.getByTestId("model-version-row").count()).toBe(2);
    expect(await row(page, 1).getAttribute("data-champion")).toBe("true");
    expect(await page.getByTestId("promote-button").count()).toBe(0);
    expect(await page.getByTestId("start-training").count()).toBe(0);
    // The queue dashboard shows every project: the instance admin's alone.
    expect(await page.getByTestId("open-queues").count()).toBe(0);
    expect(page.problems).toEqual([]);
  });
});
