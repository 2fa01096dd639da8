import { type TrainingStage, updateTrainingRun } from "@pagewise/registry";
import type { WorkerDeps } from "../deps";

/**
 * Record that a retraining entered `stage` (with the time it began, so the UI can show how long
 * it has run) and, when the worker is told to (`PAGEWISE_TRAINING_STAGE_HOLD_MS`, tests and
 * demonstrations), hold the stage a moment so it can be watched. Answers the stage's start.
 */
export async function enterStage(
  deps: Pick<WorkerDeps, "db" | "trainingStageHoldMs">,
  trainingRunId: string,
  stage: Exclude<TrainingStage, "queued" | "done">,
  message: string,
  options: { status?: "running" } = {},
): Promise<string> {
  const stageStartedAt = new Date().toISOString();
  await updateTrainingRun(deps.db, trainingRunId, {
    ...options,
    progress: { stage, message, stageStartedAt },
  });
  if (deps.trainingStageHoldMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, deps.trainingStageHoldMs));
  }
  return stageStartedAt;
}
