import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import {
  datasetLayoutToLayout,
  mapGroundTruth,
  saveModel,
  type TrainingDocument,
  trainExtractor,
} from "@pagewise/models";
import type { Page } from "playwright-core";
import { type Platform, ROOT, sleep } from "./platform";

/** The three committed receipts with their layouts, as training documents. */
function receipts(): TrainingDocument[] {
  const dir = join(ROOT, "test/fixtures/sroie");
  return readdirSync(join(dir, "gt"))
    .filter((n) => n.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const layout = datasetLayoutToLayout(
        JSON.parse(readFileSync(join(dir, "layout", name), "utf8")),
      );
      const gt = JSON.parse(readFileSync(join(dir, "gt", name), "utf8"));
      const doc = mapGroundTruth(gt, layout, DEFAULT_LABEL_SCHEMA, `sroie/${name}`);
      return doc ? [doc] : [];
    });
}

/**
 * Register an extractor version: a small real model (three receipts, a few steps, `seed`), since
 * uploaded artifacts are checked and scored by the worker. Waits until it is `ready`.
 */
export async function registerVersion(
  platform: Platform,
  project: string,
  token: string,
  seed: number,
): Promise<void> {
  const model = await trainExtractor(receipts(), DEFAULT_LABEL_SCHEMA, {
    seed,
    epochs: 2,
    minSteps: 0,
  });
  const form = new FormData();
  for (const [name, bytes] of Object.entries(await saveModel(model))) {
    form.append("file", new File([bytes], name));
  }
  const res = await platform.request(
    `/v1/projects/${project}/models/extractor/versions`,
    { method: "POST", body: form },
    token,
  );
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  const { version } = (await res.json()) as { version: number };
  await waitForVersionReady(platform, project, "extractor", version, token);
}

/** An uploaded version is checked and scored by the worker first: wait until it is `ready`. */
export async function waitForVersionReady(
  platform: Platform,
  project: string,
  kind: "classifier" | "extractor",
  version: number,
  token?: string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await platform.request(
      `/v1/projects/${project}/models/${kind}/versions/${version}`,
      {},
      token,
    );
    const { status } = (await v.json()) as { status: string };
    if (status === "ready") return;
    if (status === "failed" || Date.now() > deadline) throw new Error(`v${version} is ${status}`);
    await sleep(200);
  }
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
