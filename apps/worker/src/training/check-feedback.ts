import { MIN_LABELED_DOCUMENTS } from "@pagewise/core";
import {
  getActiveTrainingRun,
  getAliasedVersion,
  getLatestTrainingRun,
  getMonitoringReport,
  retrainingQuotaError,
  startTrainingRun,
  type TrainingTrigger,
} from "@pagewise/registry";
import {
  countCompletedReviews,
  getProjectById,
  listLabeledDocuments,
  type Project,
  recordEvent,
} from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { ensureDriftReference } from "../monitoring/build-drift-reference";
import { endShadowPeriods } from "../monitoring/end-shadow-periods";
import { publishMonitoringGauges } from "../monitoring/publish-monitoring-gauges";
import { MODEL_KINDS } from "./run-versions";

/**
 * Labels still arriving (an import under way) hold the first training back until none came for
 * this long, so the first model learns from the whole import, not from its first few documents
 * (`deps.bootstrapQuietMs`, env `PAGEWISE_BOOTSTRAP_QUIET_MS`, overrides it).
 */
export const BOOTSTRAP_QUIET_MS = 30_000;
/** The longest window the drift and accuracy triggers look at. */
const TRIGGER_WINDOW_MINUTES = 7 * 24 * 60;

/**
 * Why to retrain without a full batch of feedback: a drift signal at `alert` or live accuracy
 * below the project's threshold (when those triggers are on). Only evidence gathered since the
 * last retraining started counts (at most 7 days), so a retraining that did not help is not
 * repeated on the same documents: the trigger needs new drifted documents, or
 * `accuracyMinDocuments` new reviews.
 */
async function monitoringTrigger(
  db: Parameters<typeof getMonitoringReport>[0],
  project: Project,
  lastStartedAt: string | null,
): Promise<{ trigger: TrainingTrigger; reason: string } | null> {
  const settings = project.settings.monitoring;
  if (!settings.retrainOnDrift && settings.retrainBelowAccuracy === 0) return null;
  const minutes = lastStartedAt
    ? Math.ceil((Date.now() - Date.parse(lastStartedAt)) / 60_000)
    : TRIGGER_WINDOW_MINUTES;
  const window = `${Math.min(Math.max(minutes, 1), TRIGGER_WINDOW_MINUTES)}m`;
  const report = await getMonitoringReport(db, project, window);
  const drift = report.alerts.find((a) => a.code === "drift" && a.severity === "alert");
  if (settings.retrainOnDrift && drift) return { trigger: "drift", reason: drift.message };
  const accuracy = report.alerts.find((a) => a.code === "live_accuracy_low");
  if (accuracy) return { trigger: "accuracy", reason: accuracy.message };
  return null;
}

/**
 * `training.check`, on each project's schedule: keep monitoring up to date (a drift reference
 * for champions that have none, the end of challengers' shadow periods), then start a
 * retraining when the completed reviews since the last one reach `retrainAfterReviews`
 * (`schedule`); when the project has enough labeled documents and no champion yet (`bootstrap`:
 * imported labels train the first model without anyone pressing a button — not while labels are
 * still arriving, and a failed bootstrap is not repeated until new labels arrive); or, with any
 * new feedback at all, when drift alerts or live accuracy falls below its threshold.
 */
export const checkFeedback: JobHandler<"training.check"> = async ({ projectId }, { deps, log }) => {
  const project = await getProjectById(deps.db, projectId);
  if (!project) return { skipped: "no project" };
  await publishMonitoringGauges(deps, log, project);
  if (await getActiveTrainingRun(deps.db, projectId)) return { skipped: "running" };
  await endShadowPeriods(deps, log, project);
  await ensureDriftReference(deps, log, projectId).catch((err: unknown) =>
    log.warn({ projectId, err }, "building the drift reference failed"),
  );

  const reviews = await countCompletedReviews(deps.db, projectId);
  const latest = await getLatestTrainingRun(deps.db, projectId);
  const feedback = reviews - (latest?.reviewsAtStart ?? 0);
  const labeled = await listLabeledDocuments(deps.db, projectId);
  if (labeled.length < MIN_LABELED_DOCUMENTS) return { feedback, started: false };

  let start: { trigger: TrainingTrigger; reason: string } | null = null;
  if (feedback >= project.settings.retrainAfterReviews) {
    start = { trigger: "schedule", reason: `${feedback} reviews since the last retraining` };
  } else if (await lacksChampion(deps, projectId)) {
    let newestLabel = "";
    for (const r of labeled) if (r.createdAt > newestLabel) newestLabel = r.createdAt;
    const quietMs = deps.bootstrapQuietMs ?? BOOTSTRAP_QUIET_MS;
    const settled = Date.parse(newestLabel) <= Date.now() - quietMs;
    if (settled && (!latest || newestLabel > latest.createdAt)) {
      start = {
        trigger: "bootstrap",
        reason: `${labeled.length} labeled documents and no champion yet`,
      };
    }
  } else if (feedback >= 1) {
    // New labels are what a retraining learns from: without any, no monitoring trigger starts one.
    start = await monitoringTrigger(deps.db, project, latest?.createdAt ?? null);
  }
  if (!start) return { feedback, started: false };
  // Over the quota the retraining is deferred, not dropped: nothing is recorded, so the feedback
  // that asked for it is still there at the next check, which starts it once the quota allows.
  const refusal = await retrainingQuotaError(
    deps.db,
    projectId,
    project.settings.quotas.concurrentRetrainings,
  );
  if (refusal) {
    log.info({ projectId, trigger: start.trigger }, `retraining deferred: ${refusal.message}`);
    return { feedback, started: false, deferred: "quota" };
  }

  const { run, created } = await startTrainingRun(deps.db, {
    projectId,
    trigger: start.trigger,
    actor: "system:scheduler",
    reviewsAtStart: reviews,
  });
  if (!created) return { feedback, started: false };
  await deps.producer.addTrainingFlow(projectId, run.id);
  await recordEvent(deps.db, {
    projectId,
    type: "training.started",
    actor: "system:scheduler",
    data: {
      trainingRunId: run.id,
      trigger: start.trigger,
      reason: start.reason,
      feedback,
      labeled: labeled.length,
    },
  });
  log.info(
    { projectId, trainingRunId: run.id, feedback, trigger: start.trigger, labeled: labeled.length },
    start.trigger === "bootstrap"
      ? "first model: training started from the labeled documents"
      : `retraining started (${start.trigger})`,
  );
  return { feedback, started: true, trainingRunId: run.id, trigger: start.trigger };
};

async function lacksChampion(
  deps: Parameters<JobHandler<"training.check">>[1]["deps"],
  projectId: string,
) {
  for (const kind of MODEL_KINDS) {
    if (!(await getAliasedVersion(deps.db, projectId, kind, "champion"))) return true;
  }
  return false;
}
