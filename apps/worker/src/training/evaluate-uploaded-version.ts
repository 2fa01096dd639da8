import { isPagewiseError } from "@pagewise/core";
import type { TrainingDocument } from "@pagewise/models";
import {
  getLatestDatasetSnapshot,
  getModelVersionById,
  markVersionFailed,
  markVersionReady,
  validateModelArtifacts,
} from "@pagewise/registry";
import type { WorkerDeps } from "../deps";
import type { JobHandler } from "../job-registry";
import { readArtifacts } from "../models/model-cache";
import { toMetrics } from "./evaluate-models-job";
import { runTrainingTask } from "./run-training-task";
import { loadSplit, readSnapshot } from "./snapshot-content";
import type { EvaluateResult } from "./training-protocol";

/**
 * `model.evaluate-upload`: an uploaded version is `pending` until it has been loaded and scored
 * on the project's validation set (the validation split of its newest dataset snapshot, minus
 * documents deleted since) in a training thread. It then becomes `ready` with those metrics —
 * and may be promoted by an admin — or `failed` with the reason when its artifacts do not pass the
 * checks again, do not load, or do not run.
 */
export const evaluateUploadedVersionJob: JobHandler<"model.evaluate-upload"> = (
  payload,
  { deps, log },
) => evaluateUploadedVersion(deps, payload.modelVersionId, log);

export async function evaluateUploadedVersion(
  deps: Pick<WorkerDeps, "db" | "blobs">,
  modelVersionId: string,
  log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void },
): Promise<{ status: "ready" | "failed" | "skipped"; documents?: number }> {
  const version = await getModelVersionById(deps.db, modelVersionId);
  if (!version || version.status !== "pending" || version.lineage.origin !== "upload") {
    return { status: "skipped" };
  }
  const fail = async (reason: string) => {
    await markVersionFailed(deps.db, version.id, reason);
    log.warn({ modelVersionId, kind: version.kind, reason }, "uploaded model refused");
    return { status: "failed" as const };
  };
  let files: Record<string, Uint8Array>;
  try {
    files = await readArtifacts(deps.blobs, version);
    validateModelArtifacts(files, version.kind);
  } catch (error) {
    return fail((error as Error).message);
  }
  const docs = await validationDocuments(deps, version.projectId);
  let report: EvaluateResult;
  try {
    report = await runTrainingTask({ op: "evaluate", models: [{ key: "upload", files }], docs });
  } catch (error) {
    // A model that does not load or run in the training thread never serves.
    if (isPagewiseError(error)) return fail(`It does not load or run: ${error.message}`);
    throw error;
  }
  const metrics = toMetrics(version.kind, report.upload!);
  await markVersionReady(deps.db, version.id, {
    artifacts: version.artifacts,
    lineage: { ...version.lineage, validationDocuments: docs.length },
    metrics,
  });
  log.info({ modelVersionId, kind: version.kind, documents: docs.length }, "uploaded model scored");
  return { status: "ready", documents: docs.length };
}

async function validationDocuments(
  deps: Pick<WorkerDeps, "db" | "blobs">,
  projectId: string,
): Promise<TrainingDocument[]> {
  const snapshot = await getLatestDatasetSnapshot(deps.db, projectId);
  if (!snapshot) return [];
  const content = await readSnapshot(deps.db, deps.blobs, snapshot.id);
  // Documents deleted since the snapshot have no pages any more.
  return (await loadSplit(deps.db, content, "validation")).filter((d) => d.layout.pages.length > 0);
}
