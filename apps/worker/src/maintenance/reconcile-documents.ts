import { jobIds, QUEUES } from "@pagewise/queue";
import { findStaleDocuments, recordEvent, restartDocumentPipeline } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { reconcileTrainingRuns } from "./reconcile-training-runs";

const LIVE_STATES = new Set(["active", "waiting", "waiting-children", "delayed", "prioritized"]);

/**
 * `system.reconcile`: the database is the truth, Redis only delivers work. A document that has
 * been `queued` or `processing` for too long with no live job for its run (Redis flushed or
 * restarted, enqueue failed at upload) is started over under a new run. Its stages are
 * idempotent and skip what is already stored, so restarting is always safe.
 */
export const reconcileDocuments: JobHandler<"system.reconcile"> = async (
  _payload,
  { deps, log },
) => {
  const updatedBefore = new Date(Date.now() - deps.staleAfterMs).toISOString();
  const stale = await findStaleDocuments(deps.db, {
    statuses: ["queued", "processing"],
    updatedBefore,
    limit: 500,
  });
  let restarted = 0;
  for (const doc of stale) {
    const candidates = [
      [QUEUES.pipeline, jobIds.ingest(doc.id, doc.pipelineRun)],
      [QUEUES.pipeline, jobIds.finalize(doc.id, doc.pipelineRun)],
    ] as const;
    let alive = false;
    for (const [queue, id] of candidates) {
      const job = await deps.producer.queue(queue).getJob(id);
      if (job && LIVE_STATES.has(await job.getState())) alive = true;
    }
    if (alive) continue;
    if (!(await restartDocumentPipeline(deps.db, doc.id, doc.pipelineRun))) continue;
    const run = doc.pipelineRun + 1;
    await deps.producer.enqueue(
      "document.ingest",
      { documentId: doc.id, run },
      { jobId: jobIds.ingest(doc.id, run) },
    );
    await recordEvent(deps.db, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.restarted",
      data: { run, previousStatus: doc.status },
    });
    restarted++;
  }
  const trainingRuns = await reconcileTrainingRuns(deps);
  if (restarted + trainingRuns > 0) {
    log.info({ restarted, stale: stale.length, trainingRuns }, "reconciled");
  }
  return { stale: stale.length, restarted, trainingRuns };
};
