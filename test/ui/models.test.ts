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
import type { Platform } from "../support/platform";

/**
 * Register an extractor version from artifact files. The registry stores them as they are; this
 * project never processes a document, so no worker ever loads these weights.
 */
async function registerVersion(platform: Platform, project: string, token: string, seed: number) {
  const form = new FormData();
  const files: Record<string, string> = {
    "model.json": JSON.stringify({ format: "ui-test" }),
    "weights.bin": `weights ${seed}`,
    "metadata.json": JSON.stringify({
      kind: "extractor",
      documents: 10 + seed,
      seed,
      codeVersion: "ui-test",
    }),
  };
  for (const [name, text] of Object.entries(files)) form.append("file", new File([text], name));
  const res = await platform.request(
    `/v1/projects/${project}/models/extractor/versions`,
    { method: "POST", body: form },
    token,
  );
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
}

interface MoveJson {
  fromVersion: number | null;
  toVersion: number | null;
  reason: string;
}

describe("the models page in a real browser", () => {
  const platform = platformWithUi();
  const project = "ui-models";
  let browser: { context: BrowserContext; close(): Promise<void> };
  let admin: string;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    const res = await platform.request("/v1/projects", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: project }),
    });
    admin = ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
    await registerVersion(platform, project, admin, 1);
    await registerVersion(platform, project, admin, 2);
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
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

  it("shows a reviewer the versions without the admin's controls", async () => {
    const page = await openTab(browser.context);
    const reviewer = await createToken(platform, "reviewer", { project, adminToken: admin });
    await signIn(page, platform.baseUrl, reviewer);
    await page.goto(`${platform.baseUrl}/models/extractor`);
    await expect.poll(() => page.getByTestId("model-version-row").count()).toBe(2);
    expect(await row(page, 1).getAttribute("data-champion")).toBe("true");
    expect(await page.getByTestId("promote-button").count()).toBe(0);
    expect(await page.getByTestId("start-training").count()).toBe(0);
    expect(page.problems).toEqual([]);
  });
});
