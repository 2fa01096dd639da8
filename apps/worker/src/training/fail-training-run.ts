import { recordTrainingRun } from "@pagewise/metrics";
import {
  finishTrainingRun,
  getTrainingRun,
  listModelVersions,
  markVersionFailed,
} from "@pagewise/registry";
import { recordEvent } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";
import { projectLabel } from "../project-label";

/**
 * End a retraining as failed: its pending versions fail, the lock is released, the champion
 * stays as it was (nothing in the flow moves it before the gate passed).
 */
export async function failTrainingRun(
  deps: Pick<WorkerDeps, "db" | "logger">,
  trainingRunId: string,
  error: unknown,
): Promise<void> {
  const run = await getTrainingRun(deps.db, trainingRunId);
  if (!run) return;
  const message = error instanceof Error ? error.message : String(error);
  for (const v of await listModelVersions(deps.db, run.projectId)) {
    if (v.trainingRunId === run.id && v.status === "pending")
      await markVersionFailed(deps.db, v.id, message);
  }
  if (await finishTrainingRun(deps.db, run.id, { status: "failed", error: message })) {
    await recordEvent(deps.db, {
      projectId: run.projectId,
      type: "training.failed",
      data: { trainingRunId: run.id, error: message },
    });
    recordTrainingRun(await projectLabel(deps, run.projectId), "failed");
    deps.logger.warn({ trainingRunId: run.id, error: message }, "retraining failed");
  }
}
