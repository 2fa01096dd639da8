import { QUEUES, TRAINING_STAGES } from "@pagewise/queue";
import { getTrainingRun } from "@pagewise/registry";
import { recordEvent } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";
import { jobPresence, vanishGraceMs } from "./job-presence";

/**
 * A retraining that holds its project's lock is started again under the same job ids when its
 * flow has no job at all in Redis a few seconds after the run was created (Redis lost them: the
 * flow's root `model.promote` exists until the run ends), or no live job for longer than the
 * stale period. Its stages are idempotent: what was done is skipped.
 */
export async function reconcileTrainingRuns(deps: WorkerDeps): Promise<number> {
  const locks = await deps.db.selectFrom("training_locks").selectAll().execute();
  const now = Date.now();
  const queue = deps.producer.queue(QUEUES.training);
  let restarted = 0;
  for (const lock of locks) {
    const run = await getTrainingRun(deps.db, lock.training_run_id);
    if (!run) continue;
    const age = now - Date.parse(run.createdAt);
    if (age < vanishGraceMs(deps)) continue;
    const jobs = await jobPresence(
      queue,
      TRAINING_STAGES.map(([, id]) => id(run.id)),
    );
    if (jobs.live || (jobs.any && age < deps.staleAfterMs)) continue;
    for (const [, id] of TRAINING_STAGES) await (await queue.getJob(id(run.id)))?.remove();
    await deps.producer.addTrainingFlow(run.projectId, run.id);
    await recordEvent(deps.db, {
      projectId: run.projectId,
      type: "training.restarted",
      data: { trainingRunId: run.id, jobsVanished: !jobs.any },
    });
    restarted++;
  }
  return restarted;
}
