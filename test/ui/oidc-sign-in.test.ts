import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  openTab,
  platformWithUi,
  readableCredentials,
  saveScreenshot,
  signIn,
} from "../support/browser";
import { getDocument, readJson, upload, waitForTerminal } from "../support/documents";
import { startIdentityProvider, type TestIdentityProvider } from "../support/oidc";
import { freePort, ROOT } from "../support/platform";
import { fieldInput } from "../support/ui-review";

const SROIE = join(ROOT, "test/fixtures/sroie");
const STEM = "X51005442341";
const ADA = { login: "ada", email: "ada@example.org", name: "Ada Lovelace" };

/** Through the provider's own pages: its login form, then its consent screen. */
async function signInAtProvider(page: Page, issuer: string, login: string): Promise<void> {
  await page.waitForURL(`${issuer}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("signing in as a person through OpenID Connect, in a real browser", () => {
  let idp: TestIdentityProvider;
  let platform: ReturnType<typeof platformWithUi>;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let documentId: string;

  beforeAll(async () => {
    const [apiPort, idpPort] = [await freePort(), await freePort()];
    const publicUrl = `http://127.0.0.1:${apiPort}`;
    idp = await startIdentityProvider({
      port: idpPort,
      redirectUri: `${publicUrl}/auth/oidc/callback`,
      accounts: [ADA],
    });
    platform = platformWithUi({
      port: apiPort,
      apiEnv: {
        PAGEWISE_PUBLIC_URL: publicUrl,
        PAGEWISE_OIDC_ISSUER: idp.issuer,
        PAGEWISE_OIDC_CLIENT_ID: idp.clientId,
        PAGEWISE_OIDC_CLIENT_SECRET: idp.clientSecret,
      },
    });
    await platform.start();
    browser = await launchBrowser();
    const [id] = await upload(platform, [join(SROIE, `files/${STEM}.jpg`)], {
      layout: readJson(join(SROIE, `layout/${STEM}.json`)),
    });
    documentId = id as string;
    expect((await waitForTerminal(platform, documentId, 60_000)).status).toBe("needs_review");
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await idp?.close();
  });

  it("signs a person in, lets them review as themselves, and keeps the session from JavaScript", async () => {
    const page = await openTab(browser.context);
    await page.goto(`${platform.baseUrl}/`);
    await page.getByTestId("sign-in-oidc").click();
    await signInAtProvider(page, idp.issuer, ADA.login);

    // First sign-in: the user exists now, but no project has added them yet.
    const notice = page.getByTestId("sign-in-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("no project has added you yet");
    // The provider's pages load a web font the closed network refuses (and have no favicon):
    // what they logged is theirs; from here on only Pagewise's pages are open.
    page.problems.length = 0;
    const user = await platform.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", ADA.email)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ id: expect.stringMatching(/^usr_/), name: ADA.name });
    expect(user.issuer).toBe(idp.issuer);

    // A project admin (token) makes them reviewer of `default` and viewer of a second project.
    const add = (project: string, role: string, token?: string) =>
      platform.request(
        `/v1/projects/${project}/members`,
        {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ email: ADA.email, role }),
        },
        token,
      );
    expect((await add("default", "reviewer")).status).toBe(200);
    const second = await platform.request("/v1/projects", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "second" }),
    });
    const secondAdmin = ((await second.json()) as { adminToken: { token: string } }).adminToken;
    expect((await add("second", "viewer", secondAdmin.token)).status).toBe(200);

    // Signing in again (the provider remembers them: no login form this time).
    await page.getByTestId("sign-in-oidc").click();
    await page.getByTestId("sign-out").waitFor();
    expect(await page.getByTestId("who").textContent()).toContain(ADA.name);
    const picker = page.getByTestId("project-picker");
    expect(await picker.locator("option").allTextContents()).toEqual(["default", "second"]);
    await picker.selectOption({ label: "second" });
    await expect.poll(() => page.getByTestId("who").textContent()).toContain("viewer");
    await picker.selectOption({ label: "default" });
    await expect.poll(() => page.getByTestId("who").textContent()).toContain("reviewer");

    // The session is an HttpOnly cookie: the page's JavaScript cannot read it, and nothing
    // like a token is kept in its storage.
    const readable = await readableCredentials(page);
    expect(readable.cookie).not.toContain("pagewise_session");
    expect(Object.values(readable.storage).join(" ")).not.toMatch(/pw_|pws_/);
    const cookie = (await page.context().cookies(platform.baseUrl)).find(
      (c) => c.name === "pagewise_session",
    );
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    // Review the receipt as Ada.
    await page.goto(`${platform.baseUrl}/documents/${documentId}`);
    await page.getByTestId("review-screen").waitFor();
    await page.getByTestId("category-select").selectOption("receipt");
    const gt = readJson<{ fields: Record<string, string> }>(join(SROIE, `gt/${STEM}.json`)).fields;
    for (const name of ["company", "address", "date", "total"]) {
      await fieldInput(page, name).fill(gt[name] as string);
    }
    await saveScreenshot(page, "oidc-review");
    await page.getByTestId("save-review").click();
    await expect
      .poll(async () => ((await getDocument(platform, documentId)) as { status: string }).status)
      .toBe("reviewed");

    // Recorded as the person, not as a token.
    const stored = (await getDocument(platform, documentId)) as unknown as {
      review: { actor: string; actorName?: string | null } | null;
    };
    expect(stored.review?.actor).toBe(user.id);
    // Views say who that is in words.
    expect(stored.review?.actorName).toBe(`${ADA.name} <${ADA.email}>`);
    const event = await platform.db
      .selectFrom("events")
      .select(["actor"])
      .where("document_id", "=", documentId)
      .where("type", "=", "document.reviewed")
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe(user.id);

    // Signing out ends the session on the server, not only in this page.
    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in-token").waitFor();
    const after = await fetch(`${platform.baseUrl}/v1/session`, {
      headers: { Cookie: `pagewise_session=${cookie?.value}` },
    });
    expect(after.status).toBe(401);
    expect(page.problems).toEqual([]);
  });

  it("shows an admin the project's people and its tokens with last use and expiry", async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await platform.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ role: "uploader", name: "scanner", expiresAt }),
    });
    expect(created.status).toBe(201);
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, platform.adminToken);
    const scanner = page.getByTestId("token-row").filter({ hasText: "scanner" });
    await scanner.waitFor();
    expect(await scanner.getByTestId("token-expires").textContent()).not.toBe("never");
    expect(await scanner.textContent()).toContain("never"); // never used yet
    const ada = page.getByTestId("member-row").filter({ hasText: ADA.name });
    expect(await ada.textContent()).toContain("reviewer");
    expect(page.problems).toEqual([]);
  });

  it("asks the provider with PKCE (S256), state and nonce, and refuses a callback with another state", async () => {
    const page = await openTab(browser.context);
    const http = page.context().request;
    const login = await http.get(`${platform.baseUrl}/auth/oidc/login`, { maxRedirects: 0 });
    expect(login.status()).toBe(302);
    const to = new URL(login.headers().location as string);
    expect(`${to.origin}${to.pathname}`).toMatch(new RegExp(`^${idp.issuer}/`));
    expect(to.searchParams.get("code_challenge_method")).toBe("S256");
    expect(to.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get("state")?.length).toBeGreaterThanOrEqual(22);
    expect(to.searchParams.get("nonce")?.length).toBeGreaterThanOrEqual(22);
    expect(to.searchParams.get("redirect_uri")).toBe(`${platform.baseUrl}/auth/oidc/callback`);
    // The pending login's cookie is there, but the state does not match: nothing is opened.
    const forged = await http.get(
      `${platform.baseUrl}/auth/oidc/callback?code=forged&state=not-the-state`,
      { maxRedirects: 0 },
    );
    expect(forged.status()).toBe(302);
    expect(decodeURIComponent(forged.headers().location ?? "")).toContain("could not be verified");
    const cookies = await page.context().cookies(platform.baseUrl);
    expect(cookies.map((c) => c.name)).not.toContain("pagewise_session");
    await page.close();
  });
});
