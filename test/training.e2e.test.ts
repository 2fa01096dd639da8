import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLabeled, labeledFixtures } from "./support/labeled-fixtures";
import {
  createProject,
  listRuns,
  type ProjectHandle,
  type TrainingRunJson,
  waitForNextRun,
  waitForRun,
} from "./support/loop";
import { Platform, sleep } from "./support/platform";

interface TrainAnswer {
  run: TrainingRunJson;
  created: boolean;
}

/**
 * Retraining with the real worker: the first model trains by itself from imported labels, and
 * a retraining is one at a time — every start while it runs, in whichever stage, answers it.
 * Each stage is held for a moment (`PAGEWISE_TRAINING_STAGE_HOLD_MS`) so the test sees it.
 */
describe("retraining in the platform", () => {
  const platform = new Platform({
    workerEnv: {
      PAGEWISE_TRAINING_STAGE_HOLD_MS: "1500",
      // The import is over before the scheduler looks: no need to wait the default 30 s for it.
      PAGEWISE_BOOTSTRAP_QUIET_MS: "2000",
      // This is about the course of a retraining, not its models: one pass over the rows per
      // epoch (the default repeats a small project's rows to 500 batches, most of a run's time).
      PAGEWISE_EXTRACTOR_MIN_STEPS: "0",
    },
  });
  let project: ProjectHandle;

  beforeAll(async () => {
    await platform.start();
    // Reviews alone would never retrain here: only the bootstrap rule can start the first run.
    project = await createProject(platform, "loop", { retrainAfterReviews: 1000 });
  });
  afterAll(() => platform.stop());

  const post = async (): Promise<TrainAnswer> => {
    const res = await platform.request(
      `/v1/projects/${project.name}/models/train`,
      { method: "POST" },
      project.token,
    );
    expect(res.status, await res.clone().text()).toBe(202);
    return (await res.json()) as TrainAnswer;
  };
  const versions = async (kind: string) => {
    const res = await platform.request(
      `/v1/projects/${project.name}/models/${kind}/versions`,
      {},
      project.token,
    );
    return ((await res.json()) as { items: { version: number; aliases: string[] }[] }).items;
  };

  it("trains the first model by itself once labeled documents are imported", async () => {
    await importLabeled(platform, project, labeledFixtures());
    expect(await listRuns(platform, project)).toEqual([]);
    // The scheduler looks every second from now on (the default is every five minutes).
    const patched = await platform.request(
      `/v1/projects/${project.name}`,
      {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ settings: { retrainCheckIntervalSeconds: 1 } }),
      },
      project.token,
    );
    expect(patched.status, await patched.clone().text()).toBe(200);
    const run = await waitForNextRun(platform, project, new Set(), 240_000);
    expect(run.trigger).toBe("bootstrap");
    expect(run.status, run.error ?? "").toBe("succeeded");
    for (const kind of ["classifier", "extractor"]) {
      const items = await versions(kind);
      expect(items.map((v) => [v.version, v.aliases])).toEqual([[1, ["champion"]]]);
    }
    // The worker trained the extractor as told (PAGEWISE_EXTRACTOR_MIN_STEPS), as its lineage says.
    const extractor = await platform.request(
      `/v1/projects/${project.name}/models/extractor/versions/1`,
      {},
      project.token,
    );
    const { lineage } = (await extractor.json()) as {
      lineage: { hyperparameters: { minSteps?: number } };
    };
    expect(lineage.hyperparameters.minSteps).toBe(0);
    // A champion now exists and no review came in: the scheduler starts nothing more.
    await sleep(3_000);
    expect(await listRuns(platform, project)).toHaveLength(1);
  });

  it("answers the running retraining to every start, in every stage, with one version per model", async () => {
    const [a, b] = await Promise.all([post(), post()]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(b.run.id).toBe(a.run.id);
    const runId = a.run.id;

    const seen = new Map<string, TrainAnswer[]>();
    for (;;) {
      const res = await platform.request(
        `/v1/projects/${project.name}/training-runs/${runId}`,
        {},
        project.token,
      );
      const run = (await res.json()) as TrainingRunJson;
      if (run.status === "succeeded" || run.status === "failed") {
        expect(run.status, run.error ?? "").toBe("succeeded");
        break;
      }
      const stage = run.progress.stage;
      if (!seen.has(stage)) seen.set(stage, await Promise.all([post(), post()]));
      await sleep(100);
    }
    expect([...seen.keys()]).toEqual(
      expect.arrayContaining(["snapshot", "train", "evaluate", "promote"]),
    );
    for (const [stage, answers] of seen) {
      for (const answer of answers) {
        expect({ stage, created: answer.created, id: answer.run.id }).toEqual({
          stage,
          created: false,
          id: runId,
        });
      }
    }
    const runs = await listRuns(platform, project);
    expect(runs.map((r) => r.id)).toEqual([runId, runs[1]!.id]);
    for (const kind of ["classifier", "extractor"]) {
      expect((await versions(kind)).map((v) => v.version).sort()).toEqual([1, 2]);
    }
    // Once it ended, a start makes a new run.
    const next = await post();
    expect(next.created).toBe(true);
    expect(next.run.id).not.toBe(runId);
    expect((await waitForRun(platform, project, next.run.id)).status).toBe("succeeded");
  });
});
