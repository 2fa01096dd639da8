import { QUEUES } from "@pagewise/queue";
import { finishTrainingRun } from "@pagewise/registry";
import {
  getProjectByName,
  insertDocument,
  insertReview,
  transitionDocument,
} from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

interface TrainAnswer {
  run: { id: string; status: string; trigger: string };
  created: boolean;
}

describe.each(TEST_DIALECTS)("retraining routes on %s", (dialect) => {
  let t: TestApi;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    projectId = (await getProjectByName(t.db, "default"))!.id;
    // Four reviewed documents: the least a retraining accepts.
    for (let i = 0; i < 4; i++) {
      const { document } = await insertDocument(t.db, {
        projectId,
        filename: `r${i}.pdf`,
        sizeBytes: 1,
        sha256: `${i}`.repeat(64).slice(0, 64),
        blobKey: `k${i}`,
      });
      await transitionDocument(t.db, document.id, { from: ["queued"], to: "reviewed" });
      await insertReview(t.db, {
        projectId,
        documentId: document.id,
        actor: "tok_test",
        source: "import",
        complete: true,
        category: "receipt",
        fields: [
          { name: "total", value: `${i}.00`, normalized: null, tokenIds: [], aligned: false },
        ],
        previous: {},
        labelSchemaVersion: 1,
      });
    }
  });
  afterAll(() => t.close());

  const train = async (): Promise<TrainAnswer> => {
    const res = await t.app.request("/v1/projects/default/models/train", {
      method: "POST",
      headers: t.auth(t.adminToken),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    return (await res.json()) as TrainAnswer;
  };

  it("answers the running retraining to starts at once and in a row, and queues its flow once", async () => {
    const together = await Promise.all([train(), train(), train()]);
    expect(together.filter((a) => a.created)).toHaveLength(1);
    const runId = together[0]!.run.id;
    expect(together.map((a) => a.run.id)).toEqual([runId, runId, runId]);
    const again = await train();
    expect(again).toMatchObject({ created: false, run: { id: runId, trigger: "admin" } });
    const counts = await t.producer.queue(QUEUES.training).getJobCounts("waiting");
    expect(counts.waiting).toBe(1); // the snapshot of one flow; its parents wait for it

    await finishTrainingRun(t.db, runId, { status: "succeeded" });
    const next = await train();
    expect(next.created).toBe(true);
    expect(next.run.id).not.toBe(runId);
    await finishTrainingRun(t.db, next.run.id, { status: "failed", error: "test" });

    // Two runs started, two entries in the audit log; joining a running one writes none.
    const log = await t.app.request("/v1/projects/default/audit-events?action=training.started", {
      headers: t.auth(t.adminToken),
    });
    const entries = ((await log.json()) as { items: { target: { id: string } }[] }).items;
    expect(entries.map((e) => e.target.id)).toEqual([next.run.id, runId]);

    // Paged, newest first.
    const first = await t.app.request("/v1/projects/default/training-runs?limit=1", {
      headers: t.auth(t.adminToken),
    });
    const page = (await first.json()) as { items: { id: string }[]; nextCursor: string };
    expect(page.items.map((r) => r.id)).toEqual([next.run.id]);
    const second = await t.app.request(
      `/v1/projects/default/training-runs?limit=1&cursor=${page.nextCursor}`,
      { headers: t.auth(t.adminToken) },
    );
    expect(((await second.json()) as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([
      runId,
    ]);
  });

  it("shows a run stored before progress and outcomes said more, as it was stored", async () => {
    await t.db
      .insertInto("training_runs")
      .values({
        id: "trn_old",
        project_id: projectId,
        status: "succeeded",
        trigger: "schedule",
        actor: "system:scheduler",
        snapshot_id: null,
        reviews_at_start: 0,
        progress: JSON.stringify({ stage: "done", message: "finished" }),
        outcome: JSON.stringify({ extractor: { version: 1, promoted: false } }),
        error: null,
        created_at: "2020-01-01T00:00:00.000Z",
        started_at: null,
        finished_at: null,
      })
      .execute();
    const res = await t.app.request("/v1/projects/default/training-runs/trn_old", {
      headers: t.auth(t.adminToken),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({
      trigger: "schedule",
      progress: { stage: "done", message: "finished" },
      outcome: { extractor: { version: 1, promoted: false } },
    });
  });

  it("tells the overview how many labeled documents a training has and needs", async () => {
    const res = await t.app.request("/v1/projects/default/models", {
      headers: t.auth(t.adminToken),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { training: Record<string, unknown> };
    expect(body.training).toMatchObject({ labeledDocuments: 4, minLabeledDocuments: 4 });
  });

  it("answers 429 quota_exceeded to a new retraining the concurrentRetrainings quota refuses", async () => {
    const patch = (concurrentRetrainings: number | null) =>
      t.app.request("/v1/projects/default", {
        method: "PATCH",
        headers: { ...t.auth(t.adminToken), "content-type": "application/json" },
        body: JSON.stringify({ settings: { quotas: { concurrentRetrainings } } }),
      });
    // Whatever earlier tests left running ends first: the quota judges only a new retraining.
    await t.db.deleteFrom("training_locks").where("project_id", "=", projectId).execute();
    const runsBefore = await t.db.selectFrom("training_runs").select("id").execute();
    expect((await patch(0)).status).toBe(200);
    const res = await t.app.request("/v1/projects/default/models/train", {
      method: "POST",
      headers: t.auth(t.adminToken),
    });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { error: { code: string; details: unknown } };
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.details).toMatchObject({ quota: "concurrentRetrainings", limit: 0 });
    expect(await t.db.selectFrom("training_runs").select("id").execute()).toEqual(runsBefore);
    expect((await patch(null)).status).toBe(200);
    expect((await train()).created).toBe(true);
  });
});
