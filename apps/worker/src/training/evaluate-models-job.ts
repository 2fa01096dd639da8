import type { ModelKind } from "@pagewise/core";
import type { EvaluationReport } from "@pagewise/models";
import {
  classScores,
  evaluateGate,
  getAliasedVersion,
  getTrainingRun,
  type ModelMetrics,
  recordGateReport,
} from "@pagewise/registry";
import { getProjectById } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { readArtifacts } from "../models/model-cache";
import { enterStage } from "./enter-stage";
import { runTrainingTask } from "./run-training-task";
import { MODEL_KINDS, versionsOfRun } from "./run-versions";
import { loadSplit, readSnapshot } from "./snapshot-content";

/** An evaluation report as the metrics stored on a model version. */
export function toMetrics(kind: ModelKind, report: EvaluationReport): ModelMetrics {
  const msPerPage = Math.round(report.latency.meanMsPerPage * 100) / 100;
  const confusion = report.classification?.confusion;
  return kind === "classifier"
    ? {
        documents: report.documents,
        accuracy: report.classification?.accuracy ?? 0,
        msPerPage,
        ...(confusion ? { classes: classScores(confusion), confusion } : {}),
      }
    : {
        documents: report.documents,
        macroF1: report.macroF1,
        microF1: report.microF1,
        fields: report.fields,
        msPerPage,
      };
}

/**
 * `model.evaluate`: score the challenger and the champion on the same frozen validation split
 * (the champion is scored again, so both numbers come from the same documents and code), and
 * record the gate's verdict on the challenger.
 */
export const evaluateModelsJob: JobHandler<"model.evaluate"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed" || !run.snapshotId) {
    return { skipped: true };
  }
  const project = await getProjectById(deps.db, run.projectId);
  if (!project) throw new Error("project is gone");
  await enterStage(
    deps,
    run.id,
    "evaluate",
    "scoring challenger and champion on the validation set",
  );
  const content = await readSnapshot(deps.db, deps.blobs, run.snapshotId);
  const validation = await loadSplit(deps.db, content, "validation");
  const versions = await versionsOfRun(deps.db, run.projectId, run.id);
  const verdicts: Record<string, boolean> = {};

  for (const kind of MODEL_KINDS) {
    const challenger = versions[kind];
    if (!challenger || challenger.status === "pending" || challenger.status === "failed") continue;
    if (challenger.gateReport) {
      verdicts[kind] = challenger.gateReport.passed;
      continue;
    }
    const champion = await getAliasedVersion(deps.db, run.projectId, kind, "champion");
    const models = [{ key: "challenger", files: await readArtifacts(deps.blobs, challenger) }];
    if (champion && champion.id !== challenger.id) {
      models.push({ key: "champion", files: await readArtifacts(deps.blobs, champion) });
    }
    const reports = await runTrainingTask({ op: "evaluate", models, docs: validation });
    const challengerMetrics = toMetrics(kind, reports.challenger!);
    const championMetrics = reports.champion ? toMetrics(kind, reports.champion) : null;
    const report = evaluateGate({
      kind,
      challengerVersion: challenger.version,
      challenger: challengerMetrics,
      championVersion: championMetrics ? champion!.version : null,
      champion: championMetrics,
      settings: project.settings.gate,
    });
    await recordGateReport(deps.db, challenger.id, report, challengerMetrics);
    verdicts[kind] = report.passed;
    log.info(
      { trainingRunId: run.id, kind, passed: report.passed, reasons: report.reasons },
      "gate evaluated",
    );
  }
  return verdicts;
};
