import { comparisonKey, DEFAULT_LABEL_SCHEMA, findCategory } from "@pagewise/core";
import { createDatabase, documentCipher } from "@pagewise/storage";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openTab, platformWithUi, saveScreenshot, signIn } from "../support/browser";
import { type DatasetDocument, datasetsDir, labelsOf, loadDataset } from "../support/datasets";
import { type DocumentJson, getDocument } from "../support/documents";
import {
  createProject,
  type ProjectHandle,
  startTraining,
  uploadDatasetDocument,
  waitAll,
  waitForRun,
} from "../support/loop";

const root = datasetsDir();
const receipt = findCategory(DEFAULT_LABEL_SCHEMA, "receipt")!;

type Sample = "audit" | "flagged";
interface HandCount {
  predicted: number;
  kept: number;
  added: number;
  labeled: number;
}
/** The DOM a table row offers (the test package has no DOM lib). */
interface ShownRow {
  getAttribute(name: string): string | null;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

/**
 * Counts one reviewed document for one model, the way a review judges predictions: per field,
 * every prediction counts, every labeled value is kept (a prediction has its value, compared by
 * the field's type), corrected, or added (nothing predicted).
 */
function count(
  into: Map<string, HandCount>,
  predicted: readonly { name: string; value: string }[],
  labels: readonly { name: string; value: string }[],
) {
  const of = (field: string) => {
    const c = into.get(field) ?? { predicted: 0, kept: 0, added: 0, labeled: 0 };
    into.set(field, c);
    return c;
  };
  const key = (name: string, value: string) => {
    const definition = receipt.fields.find((f) => f.name === name);
    return definition ? comparisonKey(definition, value) : value.trim();
  };
  for (const p of predicted) of(p.name).predicted++;
  for (const label of labels) {
    const c = of(label.name);
    c.labeled++;
    const mine = predicted.filter((p) => p.name === label.name);
    if (mine.length === 0) c.added++;
    else if (mine.some((p) => key(p.name, p.value) === key(label.name, label.value))) c.kept++;
  }
}

/**
 * The version page on real models: a champion trained on SROIE receipts (their own OCR layouts),
 * a second version kept as challenger by a long shadow period, live receipts that both predict
 * (the challenger in the shadow), reviewed through the API. The challenger's page shows the
 * shadow comparison and the champion's its live accuracy — each figure equal to a hand count
 * of the reviews made here against what each model predicted.
 */
describe.skipIf(!root)("live figures on the version page in a real browser", () => {
  // These figures are hand counts of whatever the versions predicted, not of how good they are:
  // 100 training batches instead of 500 still give versions that predict receipts' fields.
  const platform = platformWithUi({ workerEnv: { PAGEWISE_EXTRACTOR_MIN_STEPS: "100" } });
  let browser: { context: BrowserContext; close(): Promise<void> };
  let project: ProjectHandle;
  let receipts: DatasetDocument[];

  const request = (path: string, init: RequestInit = {}) =>
    platform.request(`/v1/projects/${project.name}${path}`, init, project.token);
  const patchSettings = async (settings: object) => {
    const res = await request("", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  };
  const importReceipts = async (docs: DatasetDocument[]) => {
    const ids = [];
    for (const doc of docs) {
      const labels = { category: "receipt", fields: labelsOf(doc) };
      ids.push(await uploadDatasetDocument(platform, project, doc, labels));
    }
    await waitAll(platform, project, ids);
  };
  const train = async () => {
    const run = await waitForRun(platform, project, (await startTraining(platform, project)).id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    return run;
  };
  const openVersion = async (version: number): Promise<Page & { problems: string[] }> => {
    const page = await openTab(browser.context);
    await signIn(page, platform.baseUrl, project.token);
    await page.goto(`${platform.baseUrl}/models/extractor`);
    await page
      .locator(`[data-testid="model-version-row"][data-version="${version}"] .link-button`)
      .click();
    await page.getByRole("region", { name: `Version ${version}` }).waitFor();
    return page;
  };

  beforeAll(async () => {
    receipts = loadDataset(root!, "sroie");
    await platform.start();
    browser = await launchBrowser();
    project = await createProject(platform, "shadowed", {
      retrainAfterReviews: 10_000,
      validationShare: 0.5,
      auditSampleRate: 1,
      confidenceThreshold: 0.5,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it("shows the challenger's shadow comparison and the champion's live accuracy as counted by hand", async () => {
    await importReceipts(receipts.slice(0, 24));
    expect((await train()).outcome?.extractor?.promoted).toBe(true);
    // More labels, so the second version differs; any version passes this gate, and a shadow
    // period longer than this test keeps it challenger, predicting in the champion's shadow.
    await importReceipts(receipts.slice(24, 34));
    await patchSettings({
      gate: { fieldTolerance: 1, macroTolerance: 1 },
      monitoring: { shadowDocuments: 50 },
    });
    expect((await train()).outcome?.extractor).toMatchObject({
      version: 2,
      promoted: false,
      shadow: true,
    });

    const live = receipts.slice(40, 44);
    const ids = [];
    for (const doc of live) ids.push(await uploadDatasetDocument(platform, project, doc));
    const served = await waitAll(platform, project, ids);
    const queue = (await (await request("/review-queue?limit=200")).json()) as {
      items: { id: string }[];
    };
    const queued = new Set(queue.items.map((d) => d.id));

    // What the challenger predicted in the shadow, as stored (never shown to the reviewer).
    const shadowRows = await platform.clearDb
      .selectFrom("shadow_results")
      .select(["document_id", "data"])
      .where("kind", "=", "extraction")
      .where("model_version", "=", 2)
      .execute();
    // Stored encrypted with each document's own key: read as the platform reads it.
    const shadowOf = new Map<string, { name: string; value: string }[]>();
    for (const r of shadowRows) {
      const cipher = await documentCipher(platform.clearDb, r.document_id);
      shadowOf.set(r.document_id, JSON.parse(cipher.decrypt("shadow_results.data", r.data)));
    }
    expect(shadowOf.size).toBe(live.length);

    // Reviews: the dataset's truth, one document left unreviewed (shadowed, not compared).
    const champion = new Map<string, HandCount>();
    const challenger = new Map<string, HandCount>();
    const championLive: Record<Sample, Map<string, HandCount>> = {
      audit: new Map(),
      flagged: new Map(),
    };
    const reviewedDocs = 3;
    for (const [i, before] of served.slice(0, reviewedDocs).entries()) {
      const doc: DocumentJson = await getDocument(platform, before.id, project.name, project.token);
      expect(doc.fields.every((f) => f.modelVersion === 1)).toBe(true);
      const sample: Sample = doc.status === "processed" && queued.has(doc.id) ? "audit" : "flagged";
      const labels = labelsOf(live[i]!);
      const absent = receipt.fields
        .filter((f) => f.required && !labels.some((l) => l.name === f.name))
        .map((f) => f.name);
      const res = await request(`/documents/${doc.id}/review`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ category: "receipt", fields: labels, absent, complete: true }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      count(champion, doc.fields, labels);
      count(championLive[sample], doc.fields, labels);
      count(challenger, shadowOf.get(doc.id)!, labels);
    }

    // The challenger's page: the shadow comparison, beside the gate report.
    const page = await openVersion(2);
    const shadow = page.getByTestId("version-shadow");
    await shadow.getByTestId("shadow-field").first().waitFor();
    expect(await page.getByTestId("gate-report").count()).toBe(1);
    const progress = shadow.getByTestId("shadow-progress");
    expect(await progress.getAttribute("data-documents")).toBe(String(reviewedDocs));
    expect(await progress.getAttribute("data-required")).toBe("50");
    expect(await progress.getAttribute("data-passed")).toBe("false");
    expect(await progress.textContent()).toBe(
      `${reviewedDocs} of 50 reviewed documents for the shadow period`,
    );
    expect(await shadow.textContent()).toContain(
      `${live.length} live documents predicted in the shadow, ${reviewedDocs} of them reviewed`,
    );
    const shown = await shadow.getByTestId("shadow-field").evaluateAll((rows) =>
      (rows as unknown as ShownRow[]).map((row) => ({
        field: row.getAttribute("data-field"),
        champion: [
          row.querySelector('[data-testid="kept-champion"]')?.getAttribute("data-kept"),
          row.querySelector('[data-testid="kept-champion"]')?.getAttribute("data-predicted"),
          row.querySelector('[data-testid="missed-champion"]')?.getAttribute("data-added"),
          row.querySelector('[data-testid="missed-champion"]')?.getAttribute("data-labeled"),
        ],
        challenger: [
          row.querySelector('[data-testid="kept-challenger"]')?.getAttribute("data-kept"),
          row.querySelector('[data-testid="kept-challenger"]')?.getAttribute("data-predicted"),
          row.querySelector('[data-testid="missed-challenger"]')?.getAttribute("data-added"),
          row.querySelector('[data-testid="missed-challenger"]')?.getAttribute("data-labeled"),
        ],
      })),
    );
    const asShown = (c: HandCount | undefined) =>
      c ? [c.kept, c.predicted, c.added, c.labeled].map(String) : ["0", "0", "0", "0"];
    const fields = [...new Set([...champion.keys(), ...challenger.keys()])].sort();
    expect(shown).toEqual(
      fields.map((field) => ({
        field,
        champion: asShown(champion.get(field)),
        challenger: asShown(challenger.get(field)),
      })),
    );
    // A share as a person reads it: the percentage and the counts behind it.
    const total = challenger.get("total")!;
    if (total.predicted > 0) {
      expect(
        await shadow.locator('[data-field="total"] [data-testid="kept-challenger"]').textContent(),
      ).toBe(
        `${Math.round((total.kept / total.predicted) * 100)}% (${total.kept}/${total.predicted})`,
      );
    }
    await shadow.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "version-shadow");
    expect(page.problems).toEqual([]);
    await page.close();

    // The champion's page: its live accuracy per field and review sample, this version only.
    const championPage = await openVersion(1);
    const card = championPage.getByTestId("version-live-accuracy");
    await card.getByTestId("live-field").first().waitFor();
    // v1 never predicted in anyone's shadow.
    expect(await championPage.getByTestId("version-shadow").count()).toBe(0);
    const liveShown = await card.getByTestId("live-field").evaluateAll((rows) =>
      (rows as unknown as ShownRow[]).map((row) => {
        const cell = (id: string, attr: string) =>
          row.querySelector(`[data-testid="${id}"]`)?.getAttribute(attr) ?? null;
        return {
          field: row.getAttribute("data-field"),
          audit: [
            cell("kept-audit", "data-kept"),
            cell("kept-audit", "data-predicted"),
            cell("missed-audit", "data-added"),
            cell("missed-audit", "data-labeled"),
          ],
          flagged: [
            cell("kept-flagged", "data-kept"),
            cell("kept-flagged", "data-predicted"),
            cell("missed-flagged", "data-added"),
            cell("missed-flagged", "data-labeled"),
          ],
        };
      }),
    );
    const orNull = (c: HandCount | undefined) =>
      c ? [c.kept, c.predicted, c.added, c.labeled].map(String) : [null, null, null, null];
    const liveFields = [
      ...new Set([...championLive.audit.keys(), ...championLive.flagged.keys()]),
    ].sort();
    expect(liveShown).toEqual(
      liveFields.map((field) => ({
        field,
        audit: orNull(championLive.audit.get(field)),
        flagged: orNull(championLive.flagged.get(field)),
      })),
    );
    await saveScreenshot(championPage, "version-live-accuracy");
    expect(championPage.problems).toEqual([]);
  });

  it("with shadowNewVersions, a new version that is not challenger shadows its next N documents, then stops", async () => {
    const shadowed = async (version: number) => {
      const handle = createDatabase({ url: platform.databaseUrl });
      try {
        const row = await handle.db
          .selectFrom("shadow_results")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .where("kind", "=", "extraction")
          .where("model_version", "=", version)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      } finally {
        await handle.close();
      }
    };
    const feed = async (docs: DatasetDocument[]) => {
      const ids = [];
      for (const doc of docs) ids.push(await uploadDatasetDocument(platform, project, doc));
      await waitAll(platform, project, ids);
    };
    // v2 shadowed 4 documents as challenger; v3 takes its place, and v2 goes on as a new
    // version (newer than the champion) until it has predicted 6 live documents.
    await patchSettings({ monitoring: { shadowNewVersions: 6 } });
    expect((await train()).outcome?.extractor).toMatchObject({
      version: 3,
      promoted: false,
      shadow: true,
    });
    expect(await shadowed(2)).toBe(4);
    await feed(receipts.slice(44, 46));
    expect([await shadowed(2), await shadowed(3)]).toEqual([6, 2]);
    await feed(receipts.slice(46, 47));
    expect([await shadowed(2), await shadowed(3)]).toEqual([6, 3]);

    // Its page shows its comparison, the period being shadowNewVersions' documents.
    const page = await openVersion(2);
    const progress = page.getByTestId("version-shadow").getByTestId("shadow-progress");
    await progress.waitFor();
    expect(await progress.getAttribute("data-required")).toBe("6");
    expect(await page.getByTestId("version-shadow").textContent()).toContain(
      "6 live documents predicted in the shadow, 3 of them reviewed",
    );
    expect(page.problems).toEqual([]);
  });
});
