import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openTab, platformWithUi, saveScreenshot, signIn } from "../support/browser";
import { importLabeled, labeledFixtures } from "../support/labeled-fixtures";
import { createProject, type ProjectHandle, uploadDatasetDocument, waitAll } from "../support/loop";

/** What the models page's retraining panel showed while a run went by. */
interface Watched {
  stages: Set<string>;
  /** `step:fraction` of the current step's bar, as it changed. */
  steps: string[];
  texts: string[];
}

/** Follow the panel every 250 ms until the run ends; answers what it showed on the way. */
async function watchPanel(page: Page, timeoutMs = 300_000): Promise<Watched> {
  const run = page.getByTestId("training-run");
  await run.waitFor();
  const seen: Watched = { stages: new Set(), steps: [], texts: [] };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await run.getAttribute("data-status");
    if (status === "succeeded") return seen;
    if (status === "failed" || Date.now() > deadline) {
      throw new Error(`the retraining is ${status}: ${await run.textContent()}`);
    }
    seen.stages.add((await run.getAttribute("data-stage")) ?? "");
    // The bar comes and goes with its step: read it at once, or not this time.
    const step = await page
      .getByTestId("step-progress")
      .evaluate(
        (bar) => `${bar.getAttribute("data-step")}:${bar.getAttribute("data-fraction")}`,
        undefined,
        { timeout: 200 },
      )
      .catch(() => null);
    if (step && seen.steps.at(-1) !== step) seen.steps.push(step);
    seen.texts.push((await run.textContent()) ?? "");
    await page.waitForTimeout(250);
  }
}

/**
 * The first model trained from the overview of a new project, watched live on the models page
 * (stages, the step's own progress, the loss chart), then a retraining whose classifier learned
 * from wrong categories: not promoted, with the gate's reason and its report per category.
 */
describe("retraining watched in a real browser", () => {
  const platform = platformWithUi({
    workerEnv: {
      // Each stage is held a moment so that a 1 s poll sees every one of them.
      PAGEWISE_TRAINING_STAGE_HOLD_MS: "1500",
      // The extractor's quality is not asserted here (the gate below is the classifier's): 100
      // batches instead of 500 still leave the train stage seconds of steps to watch.
      PAGEWISE_EXTRACTOR_MIN_STEPS: "100",
    },
  });
  let browser: { context: BrowserContext; close(): Promise<void> };
  let project: ProjectHandle;

  beforeAll(async () => {
    await platform.start();
    browser = await launchBrowser();
    // Half the labeled documents grade each retraining; no scheduler start during the test.
    project = await createProject(platform, "ui-training", {
      validationShare: 0.5,
      retrainCheckIntervalSeconds: 3600,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("says what to do next on an empty project, and trains the first model from the overview", async () => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, project.token);
    const next = page.getByTestId("next-steps");
    await next.waitFor();
    expect(await next.textContent()).toContain("pnpm pagewise import --project ui-training");
    expect(await page.getByTestId("train-first-model").count()).toBe(0);

    // Three copies of each: with half of them held out for validation, every text is almost
    // surely trained on too, so the champion is right on its validation documents and a
    // challenger that learned wrong categories must score below it (with one copy, a split
    // that held out the only contract left the champion at 0 and a tie promoted the challenger).
    await importLabeled(platform, project, [
      ...labeledFixtures(),
      ...labeledFixtures(),
      ...labeledFixtures(),
    ]);
    await page.reload();
    await expect.poll(() => next.textContent()).toContain("24 labeled documents");
    await page.getByTestId("train-first-model").click();
    await expect
      .poll(() => page.getByTestId("overview-training").textContent())
      .toMatch(/Retraining · (Queued|Snapshot|Train|Evaluate|Promote)/);

    await page.goto(`${platform.baseUrl}/models/extractor`);
    const seen = await watchPanel(page);
    expect([...seen.stages]).toEqual(
      expect.arrayContaining(["snapshot", "train", "evaluate", "promote"]),
    );
    // The bar of the train stage has a fraction of its own step; no stray counts in the words.
    expect(seen.steps.some((s) => /^(featurize|epoch):0?\.?\d/.test(s))).toBe(true);
    for (const text of seen.texts) expect(text).not.toMatch(/\d+started/);
    expect(seen.texts.some((t) => /running for/.test(t))).toBe(true);

    const chart = page.getByTestId("loss-chart");
    await chart.waitFor();
    for (const model of ["classifier", "extractor"]) {
      const line = chart.locator(`polyline[data-model="${model}"]`);
      expect(Number(await line.getAttribute("data-epochs"))).toBeGreaterThan(1);
    }
    expect(await page.getByTestId("outcome-extractor").textContent()).toMatch(
      /v1: promoted to champion \(first extractor/,
    );
    await saveScreenshot(page, "training-first-model");
    expect(page.problems).toEqual([]);
  });

  it("shows why a classifier was not promoted, and its gate per category with confusion", async () => {
    // Copies of every document under the wrong category, six times over: about half of them
    // are trained on (the rest are this run's own validation share, held out), so the
    // challenger learns the wrong categories of every text, and the older validation documents
    // (true categories) catch it.
    const rotate: Record<string, string> = {
      invoice: "receipt",
      receipt: "contract",
      contract: "invoice",
    };
    const ids: string[] = [];
    for (let copy = 0; copy < 6; copy++) {
      for (const doc of labeledFixtures()) {
        ids.push(
          await uploadDatasetDocument(platform, project, doc, {
            category: rotate[doc.type]!,
            fields: [],
          }),
        );
      }
    }
    await waitAll(platform, project, ids);

    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, project.token);
    await page.goto(`${platform.baseUrl}/models/classifier`);
    await page.getByTestId("start-training").click();
    await watchPanel(page);
    const outcome = page.getByTestId("outcome-classifier");
    expect(await outcome.getAttribute("data-promoted")).toBe("false");
    expect(await outcome.textContent()).toMatch(/v2: not promoted — accuracy \d\.\d{3} < champion/);

    await page.reload();
    await page.getByRole("button", { name: "v2", exact: true }).click();
    const report = page.getByTestId("gate-report");
    await report.waitFor();
    const rows = report.getByTestId("gate-classes").locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    for (const category of ["invoice", "receipt", "contract"]) {
      const row = report.getByTestId(`gate-class-${category}`);
      // Champion P / R / F1, challenger P / R / F1, support.
      expect(await row.locator("td").count()).toBe(8);
    }
    await report.getByTestId("confusion-challenger").waitFor();
    await report.getByTestId("confusion-champion").waitFor();
    await saveScreenshot(page, "training-classifier-rejected");
    expect(page.problems).toEqual([]);
  });
});
