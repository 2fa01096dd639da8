import { recordTrainingRun } from "@pagewise/metrics";
import {
  finishTrainingRun,
  getAliasedVersion,
  getModelVersionById,
  getTrainingRun,
  moveAlias,
  type TrainingOutcome,
} from "@pagewise/registry";
import { getProjectById, recordEvent } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { ensureDriftReference } from "../monitoring/build-drift-reference";
import { projectLabel } from "../project-label";
import { enterStage } from "./enter-stage";
import { MODEL_KINDS, systemActor, versionsOfRun } from "./run-versions";

/**
 * `model.promote`: a version that passed the gate becomes `champion` (one atomic alias move, so
 * the old or the new champion serves at every moment, never neither); one that failed stays
 * `rejected` with its report. The challenger alias is cleared and the run ends. With a shadow
 * period (`monitoring.shadowDocuments`) a passed version stays challenger instead. A new
 * champion gets its drift reference from the validation documents.
 */
export const promoteModelsJob: JobHandler<"model.promote"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed") return { skipped: true };
  await enterStage(deps, run.id, "promote", "applying the gate");
  const versions = await versionsOfRun(deps.db, run.projectId, run.id);
  const project = await getProjectById(deps.db, run.projectId);
  const shadowDocuments = project?.settings.monitoring.shadowDocuments ?? 0;
  const outcome: TrainingOutcome = {};
  for (const kind of MODEL_KINDS) {
    const made = versions[kind];
    if (!made) continue;
    const version = (await getModelVersionById(deps.db, made.id))!;
    const report = version.gateReport;
    const passed = report?.passed === true && version.status === "ready";
    const champion = await getAliasedVersion(deps.db, run.projectId, kind, "champion");
    // A shadow period is asked for: a version that passed stays challenger, predicting on live
    // documents beside the champion; the periodic check promotes it once enough of those are
    // reviewed with no field worse (a first model has nothing to be compared with).
    if (passed && champion && champion.id !== version.id && shadowDocuments > 0) {
      outcome[kind] = {
        version: version.version,
        promoted: false,
        shadow: true,
        reason: `gate passed; waits as challenger for ${shadowDocuments} reviewed live documents in the shadow`,
      };
      continue;
    }
    const overall = report?.overall;
    const reason = passed
      ? overall!.champion === null
        ? `first ${kind}: ${overall!.metric} ${overall!.challenger.toFixed(3)}`
        : `gate passed: ${overall!.metric} ${overall!.champion.toFixed(3)} → ${overall!.challenger.toFixed(3)}`
      : notPromotedReason(version.status, report?.reasons, version.error);
    if (passed && champion?.id !== version.id) {
      await moveAlias(deps.db, {
        projectId: run.projectId,
        kind,
        alias: "champion",
        version: version.version,
        actor: systemActor(run.id),
        reason,
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
        reason: passed ? "promoted" : `rejected: ${reason}`,
      });
    }
    outcome[kind] = { version: version.version, promoted: passed, reason };
  }
  if (Object.values(outcome).some((o) => o.promoted)) {
    // Monitoring never fails a retraining: without a reference now, the periodic check retries.
    await ensureDriftReference(deps, log, run.projectId).catch((err: unknown) =>
      log.warn({ trainingRunId: run.id, err }, "building the drift reference failed"),
    );
  }
  if (await finishTrainingRun(deps.db, run.id, { status: "succeeded", outcome })) {
    await recordEvent(deps.db, {
      projectId: run.projectId,
      type: "training.finished",
      actor: systemActor(run.id),
      data: { trainingRunId: run.id, outcome },
    });
    const promoted = Object.values(outcome).some((o) => o?.promoted);
    recordTrainingRun(await projectLabel(deps, run.projectId), promoted ? "promoted" : "rejected");
    log.info({ trainingRunId: run.id, outcome }, "retraining finished");
  }
  return outcome;
};

/** Why a version stays where it is, in the gate's own words when it judged the version. */
function notPromotedReason(
  status: string,
  reasons: readonly string[] | undefined,
  error: string | null,
): string {
  if (status === "failed") return `training failed: ${error ?? "no reason recorded"}`;
  if (!reasons) return "no gate report";
  return reasons.length > 0 ? reasons.join("; ") : "the gate did not pass it";
}
