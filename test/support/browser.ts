import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { Platform, type PlatformOptions, ROOT } from "./platform";

/** Screenshots and other artifacts of the UI tests (gitignored). */
export const ARTIFACTS = join(ROOT, "test-results/ui");

const WEB = join(ROOT, "apps/web");

/** A hash of everything the UI build reads, so an unchanged UI is built once, not per test file. */
function hashWebSources(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["src", "public"]) walk(join(WEB, dir));
  for (const file of ["index.html", "vite.config.ts", "package.json"]) {
    hash.update(file).update(readFileSync(join(WEB, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Build the UI from the current source into a temporary folder, so the browser tests always
 * run what the source says (never a stale apps/web/dist). Reused while the source is unchanged.
 */
export function buildWebUi(): string {
  const outDir = join(tmpdir(), `pagewise-web-${hashWebSources()}`);
  if (existsSync(join(outDir, "index.html"))) return outDir;
  const building = `${outDir}.${process.pid}`;
  const result = spawnSync(
    "pnpm",
    ["--filter", "@pagewise/web", "exec", "vite", "build", "--outDir", building, "--emptyOutDir"],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
  }
  // Published whole: a parallel run never sees a half-written build.
  try {
    renameSync(building, outDir);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return outDir;
}

/** The real platform serving the built UI at `/`. */
export function platformWithUi(options: PlatformOptions = {}): Platform {
  return new Platform({
    ...options,
    apiEnv: { ...options.apiEnv, PAGEWISE_WEB_DIR: buildWebUi() },
  });
}

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const VIEWPORT = { width: 1440, height: 900 };

/**
 * Debian's Chromium, headless, never a downloaded browser. `context` is a first browser context;
 * each `openTab` gets a context of its own (own cookies and storage, like a separate person).
 */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  close(): Promise<void>;
}> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  return { context, close: () => browser.close() };
}

/**
 * A new tab in a browser context of its own — its own session cookie, so its own sign-in — that
 * records what the page logs: a test can then assert that nothing went wrong silently (errors,
 * CSP violations). `page.context()` is that tab's context (its cookies).
 */
export async function openTab(context: BrowserContext): Promise<Page & { problems: string[] }> {
  const browser = context.browser();
  const own = browser ? await browser.newContext({ viewport: VIEWPORT }) : context;
  const page = (await own.newPage()) as Page & { problems: string[] };
  if (browser) page.on("close", () => void own.close().catch(() => {}));
  page.problems = [];
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") page.problems.push(`console error: ${msg.text()}`);
  });
  return page;
}

/** Sign in through the sign-in screen and wait for the signed-in frame. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(baseUrl + "/");
  await page.getByTestId("sign-in-token").fill(token);
  await page.getByTestId("sign-in-submit").click();
  await page.getByTestId("sign-out").waitFor();
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Create a token with a role in a project (as that project's admin); answers its secret. */
export async function createToken(
  platform: Platform,
  role: "admin" | "reviewer" | "uploader" | "viewer",
  options: { project?: string; adminToken?: string } = {},
): Promise<string> {
  const res = await platform.request(
    `/v1/projects/${options.project ?? "default"}/tokens`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ role, name: `ui-${role}` }),
    },
    options.adminToken,
  );
  if (res.status !== 201) throw new Error(`token answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Browser globals the UI tests touch, typed here because the test package has no DOM lib. */
interface WebStorage {
  length: number;
  key(i: number): string | null;
  getItem(key: string): string | null;
}
interface BrowserGlobals {
  sessionStorage: WebStorage;
  localStorage: WebStorage;
  document: { cookie: string };
  DataTransfer: new () => { items: { add(file: File): void } };
}

/**
 * What the page's JavaScript can read of its credentials: `document.cookie` and every value in
 * sessionStorage and localStorage. The session cookie is HttpOnly, so none of it may hold one.
 */
export function readableCredentials(
  page: Page,
): Promise<{ cookie: string; storage: Record<string, string> }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as BrowserGlobals;
    const storage: Record<string, string> = {};
    for (const [name, store] of [
      ["session", g.sessionStorage],
      ["local", g.localStorage],
    ] as const) {
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i) as string;
        storage[`${name}:${key}`] = store.getItem(key) ?? "";
      }
    }
    return { cookie: g.document.cookie, storage };
  });
}

/** Drop a file on an element, as a person dragging it from their desktop would. */
export async function dropFile(
  target: Locator,
  file: { name: string; mimeType: string; bytes: Uint8Array },
): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle(
    ({ name, mimeType, base64 }) => {
      const g = globalThis as unknown as BrowserGlobals;
      const transfer = new g.DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: mimeType }));
      return transfer;
    },
    {
      name: file.name,
      mimeType: file.mimeType,
      base64: Buffer.from(file.bytes).toString("base64"),
    },
  );
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
}
