import { jobIds, QUEUES } from "@pagewise/queue";
import { listPendingUploads } from "@pagewise/registry";
import {
  backfillSearchIndex,
  findStaleDocuments,
  recordEvent,
  restartDocumentPipeline,
} from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";
import type { JobHandler } from "../job-registry";
import { jobPresence, vanishGraceMs } from "./job-presence";
import { reconcileTrainingRuns } from "./reconcile-training-runs";

/**
 * `system.reconcile`: the database is the truth, Redis only delivers work. A document that is
 * `queued` or `processing` is started over under a new run when its run has
 * - no job at all in Redis any more, a few seconds after its last change (Redis flushed or
 *   restarted empty: its `document.ingest` or the flow's root `document.finalize` exists from
 *   the upload until the document ends, in some state, unless Redis lost them), or
 * - no live job for longer than `PAGEWISE_STALE_AFTER_MS` (enqueue failed at upload, a job that
 *   ended without ending its document).
 * Its stages are idempotent and skip what is already stored, so restarting is always safe.
 */
export const reconcileDocuments: JobHandler<"system.reconcile"> = (_payload, { deps, log }) =>
  reconcile(deps, log);

/** One reconciliation pass (also run by the Redis watchdog when the scheduler itself vanished). */
export async function reconcile(deps: WorkerDeps, log: Logger) {
  const now = Date.now();
  const staleBefore = now - deps.staleAfterMs;
  const candidates = await findStaleDocuments(deps.db, {
    statuses: ["queued", "processing"],
    updatedBefore: new Date(now - vanishGraceMs(deps)).toISOString(),
    limit: 500,
  });
  const pipeline = deps.producer.queue(QUEUES.pipeline);
  let restarted = 0;
  let vanished = 0;
  for (const doc of candidates) {
    const jobs = await jobPresence(pipeline, [
      jobIds.ingest(doc.id, doc.pipelineRun),
      jobIds.finalize(doc.id, doc.pipelineRun),
    ]);
    const stale = Date.parse(doc.updatedAt) < staleBefore && !jobs.live;
    if (jobs.any && !stale) continue;
    if (!(await restartDocumentPipeline(deps.db, doc.id, doc.pipelineRun))) continue;
    const run = doc.pipelineRun + 1;
    await deps.producer.enqueue(
      "document.ingest",
      { documentId: doc.id, run, projectId: doc.projectId },
      { jobId: jobIds.ingest(doc.id, run) },
    );
    await recordEvent(deps.db, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.restarted",
      data: { run, previousStatus: doc.status, jobsVanished: !jobs.any },
    });
    restarted++;
    if (!jobs.any) vanished++;
  }
  // Fair scheduling: forget backlog entries of jobs that were removed or started unnoticed.
  const backlogPruned = await deps.producer.pruneBacklogs();
  const trainingRuns = await reconcileTrainingRuns(deps);
  // Uploaded model versions whose evaluation Redis lost (same job id: a no-op when it is there).
  for (const version of await listPendingUploads(
    deps.db,
    new Date(now - vanishGraceMs(deps)).toISOString(),
  )) {
    await deps.producer.enqueue(
      "model.evaluate-upload",
      { projectId: version.projectId, modelVersionId: version.id },
      { jobId: jobIds.evaluateUpload(version.id) },
    );
  }
  // The search backfill: documents stored before search existed, or indexed in the other form
  // before PAGEWISE_ENCRYPTION changed; a batch per pass.
  const searchIndexed = await backfillSearchIndex(deps.db, {
    limit: 50,
    onError: (documentId, err) =>
      log.warn({ documentId, err: err.message }, "document not indexed for search"),
  });
  if (restarted + trainingRuns + searchIndexed + backlogPruned > 0) {
    log.info(
      {
        restarted,
        vanished,
        checked: candidates.length,
        trainingRuns,
        searchIndexed,
        backlogPruned,
      },
      "reconciled",
    );
  }
  return {
    checked: candidates.length,
    restarted,
    vanished,
    trainingRuns,
    searchIndexed,
    backlogPruned,
  };
}
