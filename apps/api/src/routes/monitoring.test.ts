import { DEFAULT_LABEL_SCHEMA, findCategory, type ModelKind } from "@pagewise/core";
import { createModelVersion, markVersionReady, moveAlias } from "@pagewise/registry";
import { testLineage } from "@pagewise/registry/testing";
import {
  getProjectByName,
  saveDocumentResult,
  saveShadowResult,
  transitionDocument,
} from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const RECEIPT_REQUIRED = findCategory(DEFAULT_LABEL_SCHEMA, "receipt")!
  .fields.filter((f) => f.required)
  .map((f) => f.name);

const lineage = testLineage("uploaded");

const fieldsOf = (values: Record<string, string>) =>
  Object.entries(values).map(([name, value]) => ({
    name,
    value,
    normalized: null,
    confidence: 0.9,
    page: 0,
    box: [0, 0, 1, 1],
    tokenIds: [],
  }));

interface Monitoring {
  liveAccuracy: {
    documents: number;
    samples: Record<string, unknown>[];
    fields: Record<string, unknown>[];
  };
  shadow: {
    kind: string;
    documents: number;
    fields: { field: string; champion: object; challenger: object; worse: boolean }[];
    worse: string[];
    passed: boolean;
  }[];
  drift: { signals: unknown[] };
  alerts: { code: string }[];
}

/**
 * Live accuracy and the shadow comparison from reviews submitted through the API, with verdicts
 * known in advance (the review endpoint stores them) and the expected shares counted by hand.
 */
describe.each(TEST_DIALECTS)("GET /monitoring on %s", (dialect) => {
  let t: TestApi;
  let token: string;
  const versionIds: Record<string, string> = {};

  const request = (path: string, init: RequestInit = {}) =>
    t.app.request(`/v1/projects/mon${path}`, {
      ...init,
      headers: { ...t.auth(token), "Content-Type": "application/json", ...init.headers },
    });

  async function liveDocument(input: {
    sample: "audit" | "flagged";
    category: string;
    predicted: Record<string, string>;
    shadow?: Record<string, string>;
  }): Promise<string> {
    const body = new FormData();
    body.append("file", new File([`%PDF-1.4 ${Math.random()}`], "r.pdf"));
    const res = await t.app.request("/v1/projects/mon/documents", {
      method: "POST",
      headers: t.auth(token),
      body,
    });
    const id = ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    // What the worker would have done: the champions' results, then the terminal status.
    await saveDocumentResult(t.db, {
      documentId: id,
      kind: "classification",
      modelVersionId: versionIds.classifier1!,
      modelVersion: 1,
      data: { category: input.category, confidence: 0.9 },
    });
    await saveDocumentResult(t.db, {
      documentId: id,
      kind: "extraction",
      modelVersionId: versionIds.extractor1!,
      modelVersion: 1,
      data: fieldsOf(input.predicted),
    });
    if (input.shadow) {
      const project = (await getProjectByName(t.db, "mon"))!;
      await saveShadowResult(t.db, {
        projectId: project.id,
        documentId: id,
        kind: "extraction",
        modelVersionId: versionIds.extractor2!,
        modelVersion: 2,
        data: fieldsOf(input.shadow),
      });
    }
    await transitionDocument(t.db, id, {
      from: ["queued"],
      to: input.sample === "audit" ? "processed" : "needs_review",
      category: input.category,
      auditSampled: input.sample === "audit",
    });
    return id;
  }

  async function review(id: string, fields: Record<string, string>) {
    const res = await request(`/documents/${id}/review`, {
      method: "PUT",
      body: JSON.stringify({
        category: "receipt",
        fields: Object.entries(fields).map(([name, value]) => ({ name, value })),
        // A complete review accounts for every required field: the ones not given are absent.
        absent: RECEIPT_REQUIRED.filter((name) => !(name in fields)),
        complete: true,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApi(dialect);
    const res = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "mon", settings: { monitoring: { shadowDocuments: 2 } } }),
    });
    token = ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
    const project = (await getProjectByName(t.db, "mon"))!;
    for (const kind of ["classifier", "extractor"] as ModelKind[]) {
      for (const n of [1, 2]) {
        const v = await createModelVersion(t.db, {
          projectId: project.id,
          kind,
          trainingRunId: null,
          lineage,
        });
        await markVersionReady(t.db, v.id, { artifacts: {}, lineage, metrics: null });
        versionIds[`${kind}${n}`] = v.id;
      }
      await moveAlias(t.db, {
        projectId: project.id,
        kind,
        alias: "champion",
        version: 1,
        actor: "t",
        reason: "t",
      });
    }
    await moveAlias(t.db, {
      projectId: project.id,
      kind: "extractor",
      alias: "challenger",
      version: 2,
      actor: "t",
      reason: "t",
    });

    // Audit sample. d1: both values kept. d2: total corrected, date added.
    const d1 = await liveDocument({
      sample: "audit",
      category: "receipt",
      predicted: { company: "ACME", total: "9.90" },
      shadow: { company: "ACME", total: "9.99" },
    });
    await review(d1, { company: "ACME", total: "9.90" });
    const d2 = await liveDocument({
      sample: "audit",
      category: "receipt",
      predicted: { company: "ACME", total: "5.00" },
      shadow: { company: "ACME", total: "6.00", date: "2024-01-01" },
    });
    await review(d2, { company: "ACME", total: "6.00", date: "2024-01-01" });
    // Flagged: the wrong category, the total kept, the company missed.
    const d3 = await liveDocument({
      sample: "flagged",
      category: "invoice",
      predicted: { total: "1.00" },
    });
    await review(d3, { total: "1.00", company: "Shop" });
  });
  afterAll(() => t.close());

  it("answers live accuracy equal to a hand count of the reviews' verdicts", async () => {
    const res = await request("/monitoring?window=24h");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Monitoring;
    expect(body.liveAccuracy.documents).toBe(3);
    // Audit: predicted 4 values (2 + 2), kept 3; labeled 5 (2 + 3), of which 1 added.
    expect(body.liveAccuracy.samples).toEqual([
      expect.objectContaining({
        sample: "audit",
        documents: 2,
        predicted: 4,
        kept: 3,
        corrected: 1,
        added: 1,
        labeled: 5,
        keptShare: 0.75,
        missedShare: 0.2,
        categoryAccuracy: 1,
      }),
      // Flagged: predicted 1, kept 1; labeled 2, 1 added; the category was wrong.
      expect.objectContaining({
        sample: "flagged",
        documents: 1,
        predicted: 1,
        kept: 1,
        added: 1,
        labeled: 2,
        keptShare: 1,
        missedShare: 0.5,
        categoryAccuracy: 0,
      }),
    ]);
    expect(body.liveAccuracy.fields).toContainEqual(
      expect.objectContaining({
        sample: "audit",
        extractorVersion: 1,
        field: "total",
        predicted: 2,
        kept: 1,
        corrected: 1,
        keptShare: 0.5,
      }),
    );
    // No reference profile was built (no worker here): drift has nothing to compare with.
    expect(body.drift.signals).toEqual([]);
    expect(body.alerts.map((a) => a.code)).toContain("no_drift_reference");
  });

  it("compares the challenger's shadow predictions with the champion's on the same reviewed documents", async () => {
    const body = (await (await request("/monitoring")).json()) as Monitoring;
    const [shadow] = body.shadow;
    expect(shadow).toMatchObject({ kind: "extractor", documents: 2, worse: [], passed: true });
    const field = (name: string) => shadow!.fields.find((f) => f.field === name)!;
    // total: the champion kept 1 of 2 (d2 corrected), the challenger 1 of 2 (d1 wrong).
    expect(field("total").champion).toMatchObject({ predicted: 2, kept: 1, keptShare: 0.5 });
    expect(field("total").challenger).toMatchObject({ predicted: 2, kept: 1, keptShare: 0.5 });
    // date: the champion missed d2's, the challenger found it.
    expect(field("date").champion).toMatchObject({ predicted: 0, labeled: 1, missedShare: 1 });
    expect(field("date").challenger).toMatchObject({ predicted: 1, kept: 1, missedShare: 0 });
    expect(field("company").challenger).toMatchObject({ predicted: 2, kept: 2, keptShare: 1 });

    const version = await request("/models/extractor/versions/2");
    expect(version.status).toBe(200);
    const detail = (await version.json()) as { shadow: { documents: number } | null };
    expect(detail.shadow?.documents).toBe(2);
    const champion = (await (await request("/models/extractor/versions/1")).json()) as {
      shadow: unknown;
    };
    expect(champion.shadow).toBeNull();
  });

  it("refuses a window that is not a duration", async () => {
    expect((await request("/monitoring?window=7 days")).status).toBe(400);
    expect((await request("/monitoring?window=0d")).status).toBe(400);
    expect((await request("/monitoring?window=30m")).status).toBe(200);
  });

  it("changes only the monitoring settings a PATCH names", async () => {
    const res = await t.app.request("/v1/projects/mon", {
      method: "PATCH",
      headers: { ...t.auth(token), "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { monitoring: { driftAlertPsi: 0.3 } } }),
    });
    expect(res.status).toBe(200);
    const { settings } = (await res.json()) as { settings: { monitoring: object } };
    expect(settings.monitoring).toMatchObject({
      driftWarnPsi: 0.1,
      driftAlertPsi: 0.3,
      shadowDocuments: 2,
      shadowNewVersions: 0,
    });
    const patch = (monitoring: object) =>
      t.app.request("/v1/projects/mon", {
        method: "PATCH",
        headers: { ...t.auth(token), "Content-Type": "application/json" },
        body: JSON.stringify({ settings: { monitoring } }),
      });
    const shadowing = await patch({ shadowNewVersions: 25 });
    expect(shadowing.status).toBe(200);
    expect(
      ((await shadowing.json()) as { settings: { monitoring: object } }).settings.monitoring,
    ).toMatchObject({ driftAlertPsi: 0.3, shadowNewVersions: 25 });
    expect((await patch({ shadowNewVersions: -1 })).status).toBe(400);
    expect((await patch({ shadowNewVersions: 1.5 })).status).toBe(400);
  });
});
