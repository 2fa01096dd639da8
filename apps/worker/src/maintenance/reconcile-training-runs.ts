import { QUEUES, TRAINING_STAGES } from "@pagewise/queue";
import { getTrainingRun, type TrainingRun } from "@pagewise/registry";
import { recordEvent } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";

const LIVE_STATES = new Set(["active", "waiting", "waiting-children", "delayed", "prioritized"]);

/**
 * A retraining that holds its project's lock but has no live job (Redis lost them) is started
 * again under the same job ids. Its stages are idempotent: what was done is skipped.
 */
export async function reconcileTrainingRuns(deps: WorkerDeps): Promise<number> {
  const locks = await deps.db.selectFrom("training_locks").selectAll().execute();
  const staleBefore = Date.now() - deps.staleAfterMs;
  let restarted = 0;
  for (const lock of locks) {
    const run = await getTrainingRun(deps.db, lock.training_run_id);
    if (!run || Date.parse(run.createdAt) > staleBefore) continue;
    if (await hasLiveJob(deps, run)) continue;
    const queue = deps.producer.queue(QUEUES.training);
    for (const [, id] of TRAINING_STAGES) await (await queue.getJob(id(run.id)))?.remove();
    await deps.producer.addTrainingFlow(run.projectId, run.id);
    await recordEvent(deps.db, {
      projectId: run.projectId,
      type: "training.restarted",
      data: { trainingRunId: run.id },
    });
    restarted++;
  }
  return restarted;
}

async function hasLiveJob(deps: WorkerDeps, run: TrainingRun): Promise<boolean> {
  const queue = deps.producer.queue(QUEUES.training);
  for (const [, id] of TRAINING_STAGES) {
    const job = await queue.getJob(id(run.id));
    if (job && LIVE_STATES.has(await job.getState())) return true;
  }
  return false;
}
