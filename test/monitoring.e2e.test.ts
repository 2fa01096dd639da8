import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatasetDocument, datasetsDir, labelsOf, loadDataset } from "./support/datasets";
import {
  createProject,
  listRuns,
  type ProjectHandle,
  putReview,
  startTraining,
  uploadDatasetDocument,
  waitAll,
  waitForNextRun,
  waitForRun,
} from "./support/loop";
import { Platform, sleep } from "./support/platform";

const root = datasetsDir();

interface Monitoring {
  drift: {
    reference: { documents: number } | null;
    documents: number;
    signals: { name: string; psi: number; status: string; pValue: number }[];
  };
  alerts: { code: string; severity: string; subject: string; message: string }[];
}

/**
 * Drift monitoring on real documents: a champion trained on SROIE receipts (their own OCR
 * layouts, so training takes seconds) gets a reference profile from its validation receipts;
 * more receipts of the same kind stay quiet, Kleister contracts (multi-page born-digital PDFs,
 * read through the real text layer) raise the alert. The alert then starts a retraining whose
 * challenger predicts in the shadow of the champion until enough of its live documents are
 * reviewed.
 */
describe.skipIf(!root)("drift monitoring on receipts, then contracts", () => {
  // Drift is measured on the documents, the shadow period on reviews: 100 training batches
  // instead of 500 give a champion good enough to predict receipts, in a fifth of the time.
  const platform = new Platform({ workerEnv: { PAGEWISE_EXTRACTOR_MIN_STEPS: "100" } });
  let project: ProjectHandle;
  let receipts: DatasetDocument[];
  let contracts: DatasetDocument[];
  let contractIds: string[] = [];

  const monitoring = async (): Promise<Monitoring> => {
    const res = await platform.request(
      `/v1/projects/${project.name}/monitoring?window=24h`,
      {},
      project.token,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as Monitoring;
  };
  const feed = async (docs: DatasetDocument[]) => {
    const ids = [];
    for (const doc of docs) ids.push(await uploadDatasetDocument(platform, project, doc));
    return waitAll(platform, project, ids);
  };

  beforeAll(async () => {
    receipts = loadDataset(root!, "sroie");
    contracts = loadDataset(root!, "kleister_nda");
    await platform.start();
    project = await createProject(platform, "watched", {
      // Retraining only when asked (this test is about monitoring, not the feedback loop).
      retrainAfterReviews: 10_000,
      retrainCheckIntervalSeconds: 1,
      validationShare: 0.5,
    });
  });
  afterAll(() => platform.stop());

  it("builds a reference from the validation receipts when the first champion is promoted", async () => {
    const ids = [];
    for (const doc of receipts.slice(0, 30)) {
      ids.push(
        await uploadDatasetDocument(platform, project, doc, {
          category: "receipt",
          fields: labelsOf(doc),
        }),
      );
    }
    await waitAll(platform, project, ids);
    const run = await waitForRun(platform, project, (await startTraining(platform, project)).id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.outcome?.extractor?.promoted).toBe(true);
    const { drift } = await monitoring();
    expect(drift.reference?.documents).toBeGreaterThanOrEqual(10);
  });

  it("stays below warn for more receipts of the same kind", async () => {
    await feed(receipts.slice(40, 60));
    const { drift, alerts } = await monitoring();
    console.log("receipts against the reference:", JSON.stringify(drift.signals));
    expect(drift.documents).toBe(20);
    expect(drift.signals.length).toBeGreaterThan(5);
    expect(drift.signals.filter((s) => s.status !== "ok")).toEqual([]);
    expect(alerts.filter((a) => a.code === "drift")).toEqual([]);
  });

  it("alerts when contracts arrive", async () => {
    // Enough contracts that the shift is beyond noise once adjusted for a dozen signals.
    contractIds = (await feed(contracts.slice(0, 16))).map((d) => d.id);
    const { drift, alerts } = await monitoring();
    console.log("with contracts:", JSON.stringify(drift.signals));
    const status = Object.fromEntries(drift.signals.map((s) => [s.name, s.status]));
    expect(status.pages).toBe("alert");
    expect(status.tokens_per_page).toBe("alert");
    expect(alerts).toContainEqual(
      expect.objectContaining({ code: "drift", severity: "alert", subject: "pages" }),
    );
    // The worker's periodic check publishes the same PSI for Prometheus (the drift alert rule).
    const pagesPsi = drift.signals.find((s) => s.name === "pages")!.psi;
    const port = platform.workerMetricsPorts[0]!;
    const deadline = Date.now() + 30_000;
    let published: number | null = null;
    while (Date.now() < deadline) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line = text
        .split("\n")
        .find((l) => /^pagewise_model_drift_psi\{.*signal="pages"/.test(l));
      published = line ? Number(line.split(" ").at(-1)) : null;
      // Published by the next check after the last contract arrived.
      if (published !== null && Math.abs(published - pagesPsi) < 0.05) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(published).toBeCloseTo(pagesPsi, 1);
  });

  it("retrains on drift, then keeps the challenger in the shadow of the champion until its shadow period passes", async () => {
    const settings = (monitoring: object, gate?: object) =>
      platform.request(
        `/v1/projects/${project.name}`,
        {
          method: "PATCH",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ settings: { monitoring, ...(gate ? { gate } : {}) } }),
        },
        project.token,
      );
    const known = new Set((await listRuns(platform, project)).map((r) => r.id));
    // Any challenger passes this gate: the shadow period is what is tested here.
    const patched = await settings(
      { shadowDocuments: 3, retrainOnDrift: true },
      { fieldTolerance: 1, macroTolerance: 1 },
    );
    expect(patched.status).toBe(200);
    // Drift alone does not retrain: a retraining needs something new to learn. One reviewed
    // contract is enough for the drift trigger (the volume trigger wants 10,000).
    await putReview(platform, project, contractIds[0]!, {
      category: "contract",
      fields: labelsOf(contracts[0]!),
      complete: true,
    });
    const run = await waitForNextRun(platform, project, known);
    expect((await settings({ retrainOnDrift: false })).status).toBe(200);
    expect(run.trigger).toBe("drift");
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.outcome?.extractor).toMatchObject({ version: 2, promoted: false, shadow: true });

    const live = receipts.slice(70, 74);
    const docs = await feed(live);
    expect(docs.every((d) => d.fields.every((f) => f.modelVersion === 1))).toBe(true);
    const before = (await monitoring()) as Monitoring & {
      shadow: { kind: string; shadowed: number; documents: number }[];
    };
    expect(before.shadow.find((s) => s.kind === "extractor")).toMatchObject({
      shadowed: 4,
      documents: 0,
    });

    for (const [i, doc] of docs.entries()) {
      await putReview(platform, project, doc.id, {
        category: "receipt",
        fields: labelsOf(live[i]!),
        complete: true,
      });
    }
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await platform.request(
        `/v1/projects/${project.name}/models/extractor/aliases/history`,
        {},
        project.token,
      );
      const { items } = (await res.json()) as { items: { toVersion: number; reason: string }[] };
      const moved = items.find((h) => h.reason.startsWith("shadow period passed"));
      if (moved) {
        expect(moved.toVersion).toBe(2);
        break;
      }
      if (Date.now() > deadline) throw new Error("the shadow period never ended");
      await sleep(500);
    }
    const version = await platform.request(
      `/v1/projects/${project.name}/models/extractor/versions/2`,
      {},
      project.token,
    );
    const detail = (await version.json()) as { aliases: string[]; shadow: { documents: number } };
    expect(detail.aliases).toContain("champion");
    expect(detail.shadow.documents).toBe(4);
  });
});
