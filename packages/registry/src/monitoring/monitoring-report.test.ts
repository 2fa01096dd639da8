import {
  buildDriftProfile,
  type DocumentObservation,
  type Layout,
  observeDocument,
} from "@pagewise/core";
import {
  createProject,
  insertDocument,
  insertReview,
  type LabeledField,
  type Project,
  saveDocumentObservation,
  saveDriftReference,
  saveShadowResult,
  transitionDocument,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveAlias } from "../aliases";
import { createModelVersion, markVersionReady } from "../model-versions";
import { testLineage } from "../testing";
import { getMonitoringReport } from "./monitoring-report";

const lineage = testLineage();

const page = (tokens: number, source: "text" | "ocr"): Layout["pages"][number] => ({
  index: 0,
  width: 100,
  height: 100,
  source,
  tokens: Array.from({ length: tokens }, (_, i) => ({
    id: `0:${i}`,
    text: i % 2 ? "TOTAL" : "9.90",
    box: [0, 0, 0.1, 0.1],
    confidence: 0.9,
    line: i,
  })),
});

const receipt = (i: number): DocumentObservation =>
  observeDocument(
    { pages: [page(80 + (i % 3) * 20, "ocr")] },
    { category: "receipt", confidence: 0.95 },
    [
      {
        name: "total",
        value: "9.90",
        normalized: "9.90",
        confidence: 0.9,
        page: 0,
        box: [0, 0, 1, 1],
        tokenIds: [],
      },
    ],
  );

const label = (name: string, value: string, verdict: LabeledField["verdict"]): LabeledField => ({
  name,
  value,
  normalized: null,
  tokenIds: [],
  aligned: false,
  verdict,
});

const predicted = (fields: Record<string, string>, category = "receipt") => ({
  classification: { category, confidence: 0.9 },
  classifierVersion: 1,
  fields: Object.entries(fields).map(([name, value]) => ({
    name,
    value,
    normalized: null,
    confidence: 0.9,
    page: 0,
    box: [0, 0, 1, 1],
    tokenIds: [],
  })),
  extractorVersion: 1,
});

describe.each(TEST_DIALECTS)("the monitoring report on %s", (dialect) => {
  let t: TestDatabase;
  let project: Project;
  const docs: string[] = [];
  const versions: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    project = await createProject(t.db, { name: "mon" });
    for (const kind of ["classifier", "extractor"] as const) {
      for (const n of [1, 2]) {
        const v = await createModelVersion(t.db, {
          projectId: project.id,
          kind,
          trainingRunId: null,
          lineage,
        });
        await markVersionReady(t.db, v.id, { artifacts: {}, lineage, metrics: null });
        versions[`${kind}${n}`] = v.id;
      }
      for (const [alias, version] of [
        ["champion", 1],
        ["challenger", 2],
      ] as const) {
        await moveAlias(t.db, {
          projectId: project.id,
          kind,
          alias,
          version,
          actor: "t",
          reason: "t",
        });
      }
    }
    for (let i = 0; i < 6; i++) {
      const { document } = await insertDocument(t.db, {
        projectId: project.id,
        filename: `${i}.jpg`,
        sizeBytes: 1,
        sha256: String(i).repeat(64),
        blobKey: String(i).repeat(64),
      });
      docs.push(document.id);
      await transitionDocument(t.db, document.id, {
        from: ["queued"],
        to: i < 2 ? "processed" : "needs_review",
        auditSampled: i < 2,
      });
    }
  });
  afterAll(() => t.drop());

  it("counts the latest complete human review per document, by sample, version and field", async () => {
    const review = (i: number, fields: LabeledField[], previous: object, extra = {}) =>
      insertReview(t.db, {
        projectId: project.id,
        documentId: docs[i]!,
        actor: "tok",
        source: "review",
        complete: true,
        category: "receipt",
        fields,
        previous: previous as Record<string, unknown>,
        labelSchemaVersion: 1,
        ...extra,
      });
    // Audit sample: doc 0 kept both fields; doc 1 corrected the total.
    await review(
      0,
      [label("total", "9.90", "accepted"), label("date", "2024-01-01", "accepted")],
      predicted({ total: "9.90", date: "2024-01-01" }),
    );
    await review(
      1,
      [label("total", "10.00", "corrected"), label("date", "2024-01-01", "accepted")],
      predicted({ total: "9.00", date: "2024-01-01" }),
    );
    // Flagged: doc 2 first reviewed incompletely (ignored), then completely: the model missed the
    // date and had the category wrong.
    await review(2, [], predicted({ total: "1" }), { complete: false });
    await review(
      2,
      [label("total", "1", "accepted"), label("date", "2024-02-02", "added")],
      predicted({ total: "1" }, "invoice"),
    );
    // An import is never live feedback.
    await review(3, [label("total", "5", "added")], {}, { source: "import", actor: "import" });

    const report = await getMonitoringReport(t.db, project, "24h");
    const live = report.liveAccuracy;
    expect(live.documents).toBe(3);
    const audit = live.samples.find((s) => s.sample === "audit")!;
    // predicted 4 values, kept 3; labeled 4, none added.
    expect(audit).toMatchObject({
      documents: 2,
      predicted: 4,
      kept: 3,
      corrected: 1,
      added: 0,
      labeled: 4,
      keptShare: 0.75,
      missedShare: 0,
      categoryAccuracy: 1,
    });
    const flagged = live.samples.find((s) => s.sample === "flagged")!;
    expect(flagged).toMatchObject({
      documents: 1,
      predicted: 1,
      kept: 1,
      added: 1,
      labeled: 2,
      keptShare: 1,
      missedShare: 0.5,
      categoryAccuracy: 0,
    });
    const total = live.fields.find((f) => f.sample === "audit" && f.field === "total")!;
    expect(total).toMatchObject({
      extractorVersion: 1,
      predicted: 2,
      kept: 1,
      corrected: 1,
      keptShare: 0.5,
    });
    expect(live.category).toEqual([
      { sample: "audit", classifierVersion: 1, documents: 2, correct: 2, accuracy: 1 },
      { sample: "flagged", classifierVersion: 1, documents: 1, correct: 0, accuracy: 0 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(live.daily.map((d) => [d.day, d.sample, d.documents])).toEqual([
      [today, "audit", 2],
      [today, "flagged", 1],
    ]);
    // A window that ends before the reviews sees none of them.
    const later = await getMonitoringReport(t.db, project, "1m", new Date(Date.now() + 3_600_000));
    expect(later.liveAccuracy.documents).toBe(0);
  });

  it("compares the challenger's shadow predictions with the champion's on the same reviews", async () => {
    // The challenger extractor shadowed docs 0 and 2: right on doc 0's total, wrong on its date;
    // on doc 2 it found the date the champion missed.
    await saveShadowResult(t.db, {
      projectId: project.id,
      documentId: docs[0]!,
      kind: "extraction",
      modelVersionId: versions.extractor2!,
      modelVersion: 2,
      data: predicted({ total: " 9.90", date: "2023-12-31" }).fields,
    });
    await saveShadowResult(t.db, {
      projectId: project.id,
      documentId: docs[2]!,
      kind: "extraction",
      modelVersionId: versions.extractor2!,
      modelVersion: 2,
      data: predicted({ total: "1", date: "2024-02-02" }).fields,
    });
    const report = await getMonitoringReport(t.db, project, "24h");
    const extractor = report.shadow.find((s) => s.kind === "extractor")!;
    expect(extractor).toMatchObject({ challengerVersion: 2, shadowed: 2, documents: 2 });
    const date = extractor.fields.find((f) => f.field === "date")!;
    // Champion: predicted 1 date (doc 0, kept), missed doc 2's. Challenger: 2 predicted, 1 kept.
    expect(date.champion).toMatchObject({
      predicted: 1,
      kept: 1,
      added: 1,
      labeled: 2,
      keptShare: 1,
      missedShare: 0.5,
    });
    expect(date.challenger).toMatchObject({
      predicted: 2,
      kept: 1,
      corrected: 1,
      added: 0,
      keptShare: 0.5,
      missedShare: 0,
    });
    expect(date.worse).toBe(true);
    expect(extractor.worse).toEqual(["date"]);
    expect(report.alerts.map((a) => a.code)).toContain("shadow_worse");
  });

  it("compares live documents of the serving champions with their reference profile", async () => {
    const none = await getMonitoringReport(t.db, project, "24h");
    expect(none.drift.reference).toBeNull();
    expect(none.alerts.map((a) => a.code)).toContain("no_drift_reference");
    await saveDriftReference(t.db, {
      projectId: project.id,
      champions: {
        classifierVersionId: versions.classifier1!,
        extractorVersionId: versions.extractor1!,
      },
      profile: buildDriftProfile(Array.from({ length: 30 }, (_, i) => receipt(i))),
    });
    const served = {
      classifierVersionId: versions.classifier1!,
      extractorVersionId: versions.extractor1!,
    };
    for (let i = 0; i < 5; i++) {
      await saveDocumentObservation(t.db, {
        projectId: project.id,
        documentId: docs[i]!,
        ...served,
        observation: receipt(i + 1),
      });
    }
    // Served by another version: not part of this champion's window.
    await saveDocumentObservation(t.db, {
      projectId: project.id,
      documentId: docs[5]!,
      classifierVersionId: versions.classifier2!,
      extractorVersionId: versions.extractor1!,
      observation: receipt(0),
    });
    const quiet = await getMonitoringReport(t.db, project, "24h");
    expect(quiet.drift.documents).toBe(5);
    expect(quiet.drift.reference?.documents).toBe(30);
    expect(quiet.drift.signals.every((s) => s.status === "ok")).toBe(true);

    // The same documents now look like long text contracts.
    const contract = observeDocument(
      { pages: [0, 1, 2].map((index) => ({ ...page(500, "text"), index })) },
      { category: "contract", confidence: 0.5 },
      [],
    );
    for (let i = 0; i < 5; i++) {
      await saveDocumentObservation(t.db, {
        projectId: project.id,
        documentId: docs[i]!,
        ...served,
        observation: contract,
      });
    }
    const shifted = await getMonitoringReport(t.db, project, "24h");
    const status = Object.fromEntries(shifted.drift.signals.map((s) => [s.name, s.status]));
    expect(status).toMatchObject({
      pages: "alert",
      tokens_per_page: "alert",
      ocr_page_share: "alert",
      category: "alert",
    });
    expect(
      shifted.alerts
        .filter((a) => a.code === "drift" && a.severity === "alert")
        .map((a) => a.subject),
    ).toEqual(expect.arrayContaining(["pages", "category"]));
  });
});
