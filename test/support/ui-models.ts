import type { Page } from "playwright-core";
import type { Platform } from "./platform";

/**
 * Register an extractor version from artifact files. The registry stores them as they are; use it
 * only in a project that never processes a document, so no worker ever loads these weights.
 */
export async function registerVersion(
  platform: Platform,
  project: string,
  token: string,
  seed: number,
): Promise<void> {
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

/** Create a project as the instance admin; answers its first admin token. */
export async function createProjectAdmin(platform: Platform, name: string): Promise<string> {
  const res = await platform.request("/v1/projects", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`project answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
}

/**
 * Watch the models page's retraining panel until the run ends; answers the states it showed on
 * the way (so a test can tell the progress was live). Throws with the panel's words on failure.
 */
export async function watchTraining(page: Page, timeoutMs = 240_000): Promise<string[]> {
  const run = page.getByTestId("training-run");
  await run.waitFor();
  const seen: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await run.getAttribute("data-status");
    if (status === "succeeded") return seen;
    if (status === "failed" || Date.now() > deadline) {
      const panel = await page.getByTestId("training-panel").textContent();
      throw new Error(`the retraining is ${status}: ${panel}`);
    }
    const line = `${status}: ${(await run.textContent())?.split("—")[0]}`;
    if (seen.at(-1) !== line) seen.push(line);
    await page.waitForTimeout(200);
  }
}
