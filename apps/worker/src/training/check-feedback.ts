import { getActiveTrainingRun, getLatestTrainingRun, startTrainingRun } from "@pagewise/registry";
import {
  countCompletedReviews,
  getProjectById,
  listLabeledDocuments,
  recordEvent,
} from "@pagewise/storage";
import type { JobHandler } from "../job-registry";

/** Below this many labeled documents a model cannot learn anything worth serving. */
const MIN_LABELED_DOCUMENTS = 4;

/**
 * `training.check`, on each project's schedule: start a retraining when the completed reviews
 * since the last retraining started reach the project's `retrainAfterReviews`.
 */
export const checkFeedback: JobHandler<"training.check"> = async ({ projectId }, { deps, log }) => {
  const project = await getProjectById(deps.db, projectId);
  if (!project) return { skipped: "no project" };
  if (await getActiveTrainingRun(deps.db, projectId)) return { skipped: "running" };
  const reviews = await countCompletedReviews(deps.db, projectId);
  const latest = await getLatestTrainingRun(deps.db, projectId);
  const feedback = reviews - (latest?.reviewsAtStart ?? 0);
  if (feedback < project.settings.retrainAfterReviews) return { feedback, started: false };
  if ((await listLabeledDocuments(deps.db, projectId)).length < MIN_LABELED_DOCUMENTS) {
    return { feedback, started: false };
  }
  const { run, created } = await startTrainingRun(deps.db, {
    projectId,
    trigger: "schedule",
    actor: "system:scheduler",
    reviewsAtStart: reviews,
  });
  if (!created) return { feedback, started: false };
  await deps.producer.addTrainingFlow(projectId, run.id);
  await recordEvent(deps.db, {
    projectId,
    type: "training.started",
    actor: "system:scheduler",
    data: { trainingRunId: run.id, trigger: "schedule", feedback },
  });
  log.info({ projectId, trainingRunId: run.id, feedback }, "retraining started by feedback");
  return { feedback, started: true, trainingRunId: run.id };
};
