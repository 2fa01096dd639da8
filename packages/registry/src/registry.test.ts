import { createProject, insertDocument } from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAliasedVersion, listAliasHistory, moveAlias } from "./aliases";
import { assignSplits } from "./dataset-splits";
import type { Lineage } from "./model-types";
import { createModelVersion, getModelVersion, markVersionReady } from "./model-versions";
import { finishTrainingRun, getActiveTrainingRun, startTrainingRun } from "./training-runs";

const lineage: Lineage = {
  trainingRunId: null,
  datasetSnapshotId: null,
  datasetHash: "h",
  labelSchemaVersion: 1,
  trainDocuments: 10,
  validationDocuments: 2,
  codeVersion: "test",
  hyperparameters: {},
  seed: 1,
  backend: "cpu",
  trainingDurationMs: 1,
  weightsHash: "w",
  origin: "training",
};

describe.each(TEST_DIALECTS)("the registry on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "reg" })).id;
  });
  afterAll(() => t.drop());

  it("numbers versions 1, 2, 3 per model even when created concurrently", async () => {
    const made = await Promise.all(
      [0, 1, 2].map(() =>
        createModelVersion(t.db, { projectId, kind: "extractor", trainingRunId: null, lineage }),
      ),
    );
    expect(made.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    const other = await createModelVersion(t.db, {
      projectId,
      kind: "classifier",
      trainingRunId: null,
      lineage,
    });
    expect(other.version).toBe(1);
  });

  it("moves champion forward and back, recording every move in the history", async () => {
    for (const v of [1, 2]) {
      const mv = await getModelVersion(t.db, projectId, "extractor", v);
      await markVersionReady(t.db, mv!.id, {
        artifacts: { "model.json": "k" },
        lineage,
        metrics: null,
      });
    }
    await expect(
      moveAlias(t.db, {
        projectId,
        kind: "extractor",
        alias: "champion",
        version: 3,
        actor: "a",
        reason: "x",
      }),
    ).rejects.toThrow(/pending/);
    await moveAlias(t.db, {
      projectId,
      kind: "extractor",
      alias: "champion",
      version: 1,
      actor: "system",
      reason: "first",
    });
    await moveAlias(t.db, {
      projectId,
      kind: "extractor",
      alias: "champion",
      version: 2,
      actor: "system",
      reason: "gate passed",
    });
    await moveAlias(t.db, {
      projectId,
      kind: "extractor",
      alias: "champion",
      version: 1,
      actor: "tok_admin",
      reason: "rollback",
    });
    expect((await getAliasedVersion(t.db, projectId, "extractor", "champion"))?.version).toBe(1);
    const history = await listAliasHistory(t.db, projectId, "extractor");
    expect(history.map((h) => [h.fromVersion, h.toVersion, h.reason])).toEqual([
      [null, 1, "first"],
      [1, 2, "gate passed"],
      [2, 1, "rollback"],
    ]);
  });

  it("lets only one retraining run per project at a time", async () => {
    const starts = await Promise.all(
      [0, 1, 2, 3].map(() =>
        startTrainingRun(t.db, { projectId, trigger: "admin", actor: "a", reviewsAtStart: 0 }),
      ),
    );
    expect(starts.filter((s) => s.created)).toHaveLength(1);
    const run = starts.find((s) => s.created)!.run;
    expect(new Set(starts.map((s) => s.run.id))).toEqual(new Set([run.id]));
    expect((await getActiveTrainingRun(t.db, projectId))?.id).toBe(run.id);
    expect(await finishTrainingRun(t.db, run.id, { status: "succeeded" })).toBe(true);
    expect(await finishTrainingRun(t.db, run.id, { status: "failed" })).toBe(false);
    expect(await getActiveTrainingRun(t.db, projectId)).toBeNull();
    const next = await startTrainingRun(t.db, {
      projectId,
      trigger: "schedule",
      actor: "s",
      reviewsAtStart: 1,
    });
    expect(next.created).toBe(true);
  });

  it("keeps a document in the split it was first given, so validation only grows", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `${i}.pdf`,
        sizeBytes: 1,
        sha256: String(i).padStart(64, "0"),
        blobKey: String(i).padStart(64, "0"),
      });
      ids.push(document.id);
    }
    const first = await assignSplits(t.db, projectId, ids.slice(0, 10), 0.2);
    const second = await assignSplits(t.db, projectId, ids, 0.5);
    for (const id of ids.slice(0, 10)) expect(second.get(id)).toEqual(first.get(id));
    const validation = [...second.values()].filter((a) => a.split === "validation").length;
    expect(validation).toBeGreaterThan(0);
    expect(validation).toBeLessThan(30);
  });
});
