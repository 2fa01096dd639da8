import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createToken,
  launchBrowser,
  openTab,
  platformWithUi,
  saveScreenshot,
  signIn,
} from "../support/browser";

/** The audit log screen: admins only, filters, "Load more", in a real browser. */
describe("the audit log in a real browser", () => {
  const platform = platformWithUi({ startWorker: false });
  let browser: { context: BrowserContext; close(): Promise<void> };
  let viewer: string;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    viewer = await createToken(platform, "viewer");
    // More events than one page (100): 104 token creations and one revocation.
    const ids: string[] = [];
    for (let i = 0; i < 104; i++) {
      const res = await platform.request(
        "/v1/projects/default/tokens",
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ role: "viewer", name: `bulk-${i}` }),
        },
        platform.adminToken,
      );
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const revoked = await platform.request(
      `/v1/projects/default/tokens/${ids[0]}`,
      { method: "DELETE" },
      platform.adminToken,
    );
    expect(revoked.status).toBe(204);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("shows admins who did what from where, filters it and loads more", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    await page.getByRole("link", { name: "Audit log" }).click();
    const rows = page.getByTestId("audit-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(100);
    // Newest first: this very sign-in, then the revocation.
    expect(await rows.nth(0).getAttribute("data-action")).toBe("auth.signed_in");
    expect(await rows.nth(1).getAttribute("data-action")).toBe("token.revoked");
    expect(await rows.nth(1).textContent()).toContain("127.0.0.1");
    await saveScreenshot(page, "audit-log");

    await page.getByRole("button", { name: "Load more" }).click();
    // 104 creations + 1 revocation + the viewer's token + the sign-in.
    await expect.poll(() => rows.count()).toBe(107);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);

    await page.getByTestId("audit-action").fill("token.revoked");
    await page.getByTestId("audit-apply").click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-action")).toBe("token.revoked");
    expect(page.problems).toEqual([]);
  });

  it("is not in a viewer's navigation", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, viewer);
    expect(await page.getByRole("link", { name: "Audit log" }).count()).toBe(0);
    await page.goto(`${platform.baseUrl}/audit`);
    await page.getByText("The audit log needs the admin role.").waitFor();
  });
});
