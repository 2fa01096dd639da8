import {
  finishTrainingRun,
  getAliasedVersion,
  getModelVersionById,
  getTrainingRun,
  moveAlias,
  type TrainingOutcome,
  updateTrainingRun,
} from "@pagewise/registry";
import { recordEvent } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { MODEL_KINDS, systemActor, versionsOfRun } from "./run-versions";

/**
 * `model.promote`: a version that passed the gate becomes `champion` (one atomic alias move, so
 * the old or the new champion serves at every moment, never neither); one that failed stays
 * `rejected` with its report. The challenger alias is cleared and the run ends.
 */
export const promoteModelsJob: JobHandler<"model.promote"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed") return { skipped: true };
  await updateTrainingRun(deps.db, run.id, {
    progress: { stage: "promote", message: "applying the gate" },
  });
  const versions = await versionsOfRun(deps.db, run.projectId, run.id);
  const outcome: TrainingOutcome = {};
  for (const kind of MODEL_KINDS) {
    const made = versions[kind];
    if (!made) continue;
    const version = (await getModelVersionById(deps.db, made.id))!;
    const report = version.gateReport;
    const passed = report?.passed === true && version.status === "ready";
    const champion = await getAliasedVersion(deps.db, run.projectId, kind, "champion");
    if (passed && champion?.id !== version.id) {
      const overall = report!.overall;
      await moveAlias(deps.db, {
        projectId: run.projectId,
        kind,
        alias: "champion",
        version: version.version,
        actor: systemActor(run.id),
        reason:
          overall.champion === null
            ? `first ${kind}: ${overall.metric} ${overall.challenger.toFixed(3)}`
            : `gate passed: ${overall.metric} ${overall.champion.toFixed(3)} → ${overall.challenger.toFixed(3)}`,
      });
    }
    const challenger = await getAliasedVersion(deps.db, run.projectId, kind, "challenger");
    if (challenger?.id === version.id) {
      await moveAlias(deps.db, {
        projectId: run.projectId,
        kind,
        alias: "challenger",
        version: null,
        actor: systemActor(run.id),
        reason: passed ? "promoted" : `rejected: ${report?.reasons.join("; ") ?? "no gate report"}`,
      });
    }
    outcome[kind] = { version: version.version, promoted: passed };
  }
  if (await finishTrainingRun(deps.db, run.id, { status: "succeeded", outcome })) {
    await recordEvent(deps.db, {
      projectId: run.projectId,
      type: "training.finished",
      actor: systemActor(run.id),
      data: { trainingRunId: run.id, outcome },
    });
    log.info({ trainingRunId: run.id, outcome }, "retraining finished");
  }
  return outcome;
};
