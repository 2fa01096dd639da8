import { createProject, insertDocument, listAuditEvents } from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAliasedVersion, listAliasHistory, moveAlias } from "./aliases";
import { assignSplits, getSplit, pinSplit } from "./dataset-splits";
import { createModelVersion, getModelVersion, markVersionReady } from "./model-versions";
import { testLineage } from "./testing";
import {
  finishTrainingRun,
  getActiveTrainingRun,
  getTrainingRun,
  startTrainingRun,
  updateTrainingRun,
} from "./training-runs";

const lineage = testLineage();

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
      actor: "system:training",
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
    // Each move is in the project's audit log too, the platform's own as `system`.
    const log = await listAuditEvents(t.db, projectId, { limit: 10, action: "model.*" });
    expect(log.items.map((e) => [e.action, e.actor.kind, e.actor.id, e.details.to])).toEqual([
      ["model.rolled_back", "token", "tok_admin", 1],
      ["model.promoted", "system", "system:training", 2],
      ["model.promoted", "token", "system", 1],
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

  it("holds a run's lock through every stage, and keeps its loss curve to the end", async () => {
    const pid = (await createProject(t.db, { name: "stages" })).id;
    const start = () =>
      startTrainingRun(t.db, {
        projectId: pid,
        trigger: "bootstrap",
        actor: "s",
        reviewsAtStart: 0,
      });
    const first = await start();
    expect(first).toMatchObject({ created: true, run: { trigger: "bootstrap" } });
    const id = first.run.id;
    const losses = { classifier: [0.9, 0.4], extractor: [1.2] };
    for (const stage of ["snapshot", "train", "evaluate", "promote"] as const) {
      await updateTrainingRun(t.db, id, {
        ...(stage === "snapshot" ? { status: "running" as const } : {}),
        progress: { stage, message: stage, ...(stage === "train" ? { losses } : {}) },
      });
      const again = await start();
      expect({ stage, created: again.created, id: again.run.id }).toEqual({
        stage,
        created: false,
        id,
      });
    }
    // Stages after training write their own progress; the curve stays, and outlives the run.
    expect((await getTrainingRun(t.db, id))?.progress).toMatchObject({ stage: "promote", losses });
    await finishTrainingRun(t.db, id, { status: "succeeded" });
    expect((await getTrainingRun(t.db, id))?.progress).toEqual({
      stage: "done",
      message: "finished",
      losses,
    });
    expect((await start()).created).toBe(true);
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
  it("pins a document's split once, keeps it through random assignment, and never moves it", async () => {
    const ids: string[] = [];
    for (let i = 100; i < 103; i++) {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `p${i}.pdf`,
        sizeBytes: 1,
        sha256: String(i).padStart(64, "0"),
        blobKey: String(i).padStart(64, "0"),
      });
      ids.push(document.id);
    }
    const [a, b, c] = ids as [string, string, string];
    expect(await getSplit(t.db, projectId, a)).toBeNull();
    expect(await pinSplit(t.db, projectId, a, "validation")).toEqual({
      split: "validation",
      pinned: true,
    });
    expect(await pinSplit(t.db, projectId, b, "train")).toEqual({ split: "train", pinned: true });
    // Random assignment at a training run leaves pinned documents where they are (a share of
    // 0.5 would put about half of them elsewhere).
    const assigned = await assignSplits(t.db, projectId, ids, 0.5);
    expect(assigned.get(a)?.split).toBe("validation");
    expect(assigned.get(b)?.split).toBe("train");
    // Once given, a split does not move: the same pin is a no-op, another one is refused.
    expect(await pinSplit(t.db, projectId, a, "validation")).toEqual({
      split: "validation",
      pinned: true,
    });
    const other = assigned.get(c)!.split === "train" ? "validation" : "train";
    expect(await pinSplit(t.db, projectId, c, other)).toEqual({
      split: assigned.get(c)!.split,
      pinned: false,
    });
  });
});
