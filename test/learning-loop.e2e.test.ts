import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatasetDocument, datasetsDir, labelsOf, loadDataset } from "./support/datasets";
import { getLayout } from "./support/documents";
import {
  createProject,
  listRuns,
  type ProjectHandle,
  putReview,
  scoreFields,
  startTraining,
  uploadDatasetDocument,
  waitAll,
  waitForNextRun,
  waitForRun,
} from "./support/loop";
import { Platform } from "./support/platform";

const root = datasetsDir();
// Reviews that trigger a retraining (the first challenger learns from 40 receipts, the champion
// from 10).
const REVIEWS_PER_RETRAINING = 30;
// Every gate here judges on the 10 bootstrap receipts pinned to validation, where one receipt
// moves a field's F1 by ~0.1: a project this small tolerates that much per field, and its macro
// F1 must still not fall. The poisoned challenger below meets the default gate.
//
// Splits are pinned (bootstrap receipts alternately to train and validation, reviewed ones to
// train) and snapshots are ordered by content, so every model and every verdict here is the same
// on every run: with the random split of document ids, one run in three held out 8 receipts on
// which the honest challenger lost a field by 0.25 and was rightly rejected by its gate.
const SMALL_PROJECT_GATE = { fieldTolerance: 0.15, macroTolerance: 0 };
const DEFAULT_GATE = { fieldTolerance: 0.02, macroTolerance: 0 };

/**
 * The learning loop end to end on real SROIE receipts (their own OCR layouts, so no time goes to
 * OCR): bootstrap from 20 labeled receipts, stream others, review them from ground truth, let the
 * feedback threshold retrain by itself, and watch the champion improve on held-back receipts.
 */
describe.skipIf(!root)("the learning loop on SROIE receipts", () => {
  const platform = new Platform({
    // Short job locks so that a killed worker's training is taken over within seconds.
    workerEnv: {
      PAGEWISE_RECONCILE_EVERY_MS: "5000",
      PAGEWISE_JOB_LOCK_MS: "5000",
      PAGEWISE_STALLED_CHECK_MS: "2000",
    },
  });
  let project: ProjectHandle;
  let receipts: DatasetDocument[];
  const curve: { reviews: number; macroF1: number; champion: number }[] = [];

  beforeAll(async () => {
    receipts = loadDataset(root!, "sroie");
    await platform.start();
    project = await createProject(platform, "receipts", {
      retrainAfterReviews: REVIEWS_PER_RETRAINING,
      retrainCheckIntervalSeconds: 1,
      gate: SMALL_PROJECT_GATE,
    });
  });
  afterAll(async () => {
    console.log("learning curve (reviews → held-back macro F1):");
    console.table(curve);
    await platform.stop();
  });

  const bootstrap = () => receipts.slice(0, 20);
  const stream = () => receipts.slice(20, 90);
  const heldBack = () => receipts.slice(150, 180);

  async function measure(reviews: number, champion: number) {
    const ids = [];
    for (const doc of heldBack()) ids.push(await uploadDatasetDocument(platform, project, doc));
    const predicted = await waitAll(platform, project, ids);
    const score = scoreFields(
      "receipt",
      predicted.map((p, i) => ({ predicted: p, truth: heldBack()[i]! })),
    );
    curve.push({ reviews, macroF1: Math.round(score.macroF1 * 1000) / 1000, champion });
    return score.macroF1;
  }

  it("bootstraps a project from labeled documents and trains its first champion", async () => {
    const ids = [];
    for (const [i, doc] of bootstrap().entries()) {
      ids.push(
        await uploadDatasetDocument(platform, project, doc, {
          category: "receipt",
          fields: labelsOf(doc),
          split: i % 2 === 0 ? "train" : "validation",
        }),
      );
    }
    const docs = await waitAll(platform, project, ids);
    expect(docs.every((d) => d.status === "reviewed")).toBe(true);
    const run = await waitForRun(platform, project, (await startTraining(platform, project)).id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.outcome?.extractor).toMatchObject({ version: 1, promoted: true });
    expect(run.outcome?.classifier).toMatchObject({ version: 1, promoted: true });
  });

  it("retrains by itself once enough reviews pile up, promotes, and serves a better model", async () => {
    const before = await measure(0, 1);
    const known = new Set((await listRuns(platform, project)).map((r) => r.id));
    // A reviewer corrects streamed receipts from ground truth, through the API.
    const ids = [];
    for (const doc of stream().slice(0, REVIEWS_PER_RETRAINING))
      ids.push(await uploadDatasetDocument(platform, project, doc));
    const processed = await waitAll(platform, project, ids);
    for (const [i, doc] of processed.entries()) {
      expect(doc.fields.every((f) => f.modelVersion === 1)).toBe(true);
      await putReview(platform, project, doc.id, {
        category: "receipt",
        fields: labelsOf(stream()[i]!),
        complete: true,
        split: "train",
      });
    }
    const run = await waitForNextRun(platform, project, known);
    expect(run.trigger).toBe("schedule");
    expect(run.status, run.error ?? "").toBe("succeeded");
    if (!run.outcome?.extractor?.promoted) {
      const report = (await version("extractor", run.outcome!.extractor!.version)).gateReport;
      console.log("gate report of the rejected challenger:", JSON.stringify(report, null, 1));
    }
    expect(run.outcome?.extractor?.promoted).toBe(true);
    const after = await measure(REVIEWS_PER_RETRAINING, run.outcome!.extractor!.version);
    expect(after).toBeGreaterThan(before);
  });

  it("rejects a challenger trained on wrong corrections and keeps the champion", async () => {
    const patched = await platform.request(
      `/v1/projects/${project.name}`,
      {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ settings: { gate: DEFAULT_GATE } }),
      },
      project.token,
    );
    expect(patched.status).toBe(200);
    const champion = await championVersion("extractor");
    const known = new Set((await listRuns(platform, project)).map((r) => r.id));
    const batch = stream().slice(REVIEWS_PER_RETRAINING, 2 * REVIEWS_PER_RETRAINING);
    const ids = [];
    for (const doc of batch) ids.push(await uploadDatasetDocument(platform, project, doc));
    const processed = await waitAll(platform, project, ids);
    // A careless reviewer: "total" points at another amount on the receipt (the first one printed).
    for (const [i, doc] of processed.entries()) {
      const truth = batch[i]!;
      const layout = await getLayout(platform, doc.id, project.name, project.token);
      const wrong = layout.pages[0]!.tokens.find(
        (t) => /^\d+\.\d{2}$/.test(t.text) && t.text !== truth.fields.total,
      );
      const fields = labelsOf(truth).map((f) =>
        f.name === "total" && wrong ? { name: f.name, value: wrong.text, tokenIds: [wrong.id] } : f,
      );
      await putReview(platform, project, doc.id, {
        category: "receipt",
        fields,
        complete: true,
        split: "train",
      });
    }
    const run = await waitForNextRun(platform, project, known);
    expect(run.status, run.error ?? "").toBe("succeeded");
    const rejected = await version("extractor", run.outcome!.extractor!.version);
    console.log(
      "gate report of the poisoned challenger:",
      JSON.stringify(rejected.gateReport, null, 1),
    );
    expect(run.outcome?.extractor?.promoted).toBe(false);
    expect(rejected.status).toBe("rejected");
    const fell = rejected.gateReport.fields.filter((f) => !f.ok).map((f) => f.name);
    expect(fell).toEqual(expect.arrayContaining(["total"]));
    expect(await championVersion("extractor")).toBe(champion);
  });

  it("rolls the champion back through the API and records both moves", async () => {
    const current = await championVersion("extractor");
    const res = await platform.request(
      `/v1/projects/${project.name}/models/extractor/aliases/champion`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: 1, reason: "rollback test" }),
      },
      project.token,
    );
    expect(res.status).toBe(200);
    expect(await championVersion("extractor")).toBe(1);
    const history = await get<{
      items: { fromVersion: number | null; toVersion: number | null; reason: string }[];
    }>("/models/extractor/aliases/history");
    const champions = history.items.filter((h) => (h as { alias?: string }).alias !== "challenger");
    expect(champions.at(-1)).toMatchObject({
      fromVersion: current,
      toVersion: 1,
      reason: "rollback test",
    });
    // The promotion that made `current` champion is in the history too.
    expect(champions.some((h) => h.toVersion === current && h.fromVersion !== null)).toBe(true);
    // Forward again, for the next test.
    await platform.request(
      `/v1/projects/${project.name}/models/extractor/aliases/champion`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: current, reason: "roll forward" }),
      },
      project.token,
    );
  });

  it("finishes a retraining whose worker was killed during model.train, without a second run", async () => {
    const versionsBefore = (await get<{ items: unknown[] }>("/models/extractor/versions")).items
      .length;
    const started = await startTraining(platform, project);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const run = await get<{ progress: { stage: string } }>(`/training-runs/${started.id}`);
      if (run.progress.stage === "train") break;
      if (Date.now() > deadline) throw new Error("training never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    platform.killWorker();
    // While no worker runs, a second start answers the run in progress instead of a new one.
    const again = await startTraining(platform, project);
    expect(again.id).toBe(started.id);
    await platform.startWorker();
    const run = await waitForRun(platform, project, started.id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    const versionsAfter = (await get<{ items: unknown[] }>("/models/extractor/versions")).items
      .length;
    expect(versionsAfter).toBe(versionsBefore + 1);
    const runs = await listRuns(platform, project);
    const overlapping = runs.filter(
      (r) => r.id !== run.id && r.finishedAt !== null && r.finishedAt > run.createdAt,
    );
    expect(overlapping).toEqual([]);
  });

  async function get<T>(path: string): Promise<T> {
    const res = await platform.request(`/v1/projects/${project.name}${path}`, {}, project.token);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  }

  async function championVersion(kind: "classifier" | "extractor"): Promise<number | null> {
    const overview = await get<{
      models: { kind: string; champion: { version: number } | null }[];
    }>("/models");
    return overview.models.find((m) => m.kind === kind)?.champion?.version ?? null;
  }

  async function version(kind: string, v: number) {
    return get<{
      status: string;
      gateReport: { passed: boolean; fields: { name: string; ok: boolean }[] };
    }>(`/models/${kind}/versions/${v}`);
  }
});
