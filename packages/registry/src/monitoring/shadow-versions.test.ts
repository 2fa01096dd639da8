import {
  createProject,
  getProjectById,
  insertDocument,
  type Project,
  saveShadowResult,
  updateProject,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moveAlias } from "../aliases";
import type { GateReport, ModelVersion } from "../model-types";
import {
  createModelVersion,
  markVersionFailed,
  markVersionReady,
  recordGateReport,
} from "../model-versions";
import { testLineage } from "../testing";
import { shadowVersionsFor } from "./shadow-versions";

const lineage = testLineage();

const failedGate = (version: number): GateReport => ({
  passed: false,
  kind: "extractor",
  championVersion: 1,
  challengerVersion: version,
  validationDocuments: 2,
  fields: [],
  overall: { metric: "macroF1", champion: 0.9, challenger: 0.5, ok: false },
  tolerances: { field: 0.02, overall: 0 },
  reasons: ["macro F1 dropped"],
});

describe.each(TEST_DIALECTS)("which versions predict in the shadow, on %s", (dialect) => {
  let t: TestDatabase;
  let project: Project;
  let champion: ModelVersion;
  const docs: string[] = [];
  const made = new Map<number, ModelVersion>();

  async function version(status: "ready" | "rejected" | "failed" | "pending") {
    const v = await createModelVersion(t.db, {
      projectId: project.id,
      kind: "extractor",
      trainingRunId: null,
      lineage,
    });
    if (status === "failed") await markVersionFailed(t.db, v.id, "boom");
    if (status === "ready" || status === "rejected") {
      await markVersionReady(t.db, v.id, {
        artifacts: { "model.json": "k" },
        lineage,
        metrics: null,
      });
    }
    if (status === "rejected") {
      await recordGateReport(t.db, v.id, failedGate(v.version), { documents: 2, macroF1: 0.5 });
    }
    made.set(v.version, v);
    return v;
  }
  const shadowing = async () =>
    (await shadowVersionsFor(t.db, project, "extractor", champion)).map((v) => v.version);
  const setN = async (n: number) => {
    project = (await updateProject(t.db, project.id, {
      settings: { monitoring: { shadowNewVersions: n } },
    }))!;
  };
  const shadowed = (v: number, documentId: string) =>
    saveShadowResult(t.db, {
      projectId: project.id,
      documentId,
      kind: "extraction",
      modelVersionId: made.get(v)!.id,
      modelVersion: v,
      data: [],
    });

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    project = await createProject(t.db, { name: "shadow" });
    for (let i = 0; i < 3; i++) {
      const { document } = await insertDocument(t.db, {
        projectId: project.id,
        filename: `${i}.pdf`,
        sizeBytes: 1,
        sha256: String(i).padStart(64, "0"),
        blobKey: String(i).padStart(64, "0"),
      });
      docs.push(document.id);
    }
    champion = await version("ready");
    await moveAlias(t.db, {
      projectId: project.id,
      kind: "extractor",
      alias: "champion",
      version: champion.version,
      actor: "system",
      reason: "first",
    });
  });
  afterAll(() => t.drop());

  it("shadows only the challenger while the setting is 0 (the default)", async () => {
    expect(project.settings.monitoring.shadowNewVersions).toBe(0);
    await version("rejected"); // v2
    expect(await shadowing()).toEqual([]);
  });

  it("shadows new versions with artifacts, also one the gate rejected; never failed or pending ones", async () => {
    await setN(2);
    await version("failed"); // v3
    await version("pending"); // v4
    expect(await shadowing()).toEqual([2]);
    // Neither the champion nor an older version shadows.
    const older = await shadowVersionsFor(t.db, project, "extractor", made.get(2)!);
    expect(older.map((v) => v.version)).toEqual([]);
  });

  it("keeps the cost bounded: the challenger plus the two newest new versions at most", async () => {
    const challenger = await version("ready"); // v5
    await moveAlias(t.db, {
      projectId: project.id,
      kind: "extractor",
      alias: "challenger",
      version: challenger.version,
      actor: "system",
      reason: "gate passed",
    });
    // The challenger is among the two newest: it shadows once, as challenger.
    expect(await shadowing()).toEqual([5, 2]);
    await version("ready"); // v6, as `models push` leaves it
    await version("ready"); // v7
    // v2 is no longer among the two newest new versions: v7 and v6 shadow beside the challenger.
    expect(await shadowing()).toEqual([5, 7, 6]);
    await moveAlias(t.db, {
      projectId: project.id,
      kind: "extractor",
      alias: "challenger",
      version: null,
      actor: "system",
      reason: "let go",
    });
    expect(await shadowing()).toEqual([7, 6]);
  });

  it("stops a new version after N shadowed live documents; the challenger goes on", async () => {
    await shadowed(7, docs[0]!);
    expect(await shadowing()).toEqual([7, 6]);
    await shadowed(7, docs[1]!);
    expect(await shadowing()).toEqual([6]);
    await moveAlias(t.db, {
      projectId: project.id,
      kind: "extractor",
      alias: "challenger",
      version: 7,
      actor: "system",
      reason: "shadow again",
    });
    expect(await shadowing()).toEqual([7, 6]);
    // The setting is read per document: lowering it ends the periods at once.
    await setN(1);
    const fresh = (await getProjectById(t.db, project.id))!;
    expect(fresh.settings.monitoring.shadowNewVersions).toBe(1);
    await shadowed(6, docs[0]!);
    expect(await shadowing()).toEqual([7]);
  });
});
