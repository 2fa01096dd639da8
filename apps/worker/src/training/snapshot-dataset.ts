import {
  assignSplits,
  createDatasetSnapshot,
  getTrainingRun,
  updateTrainingRun,
} from "@pagewise/registry";
import { getDocumentById, getProjectById, listLabeledDocuments } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { hashSnapshot, type SnapshotContent } from "./snapshot-content";

/**
 * `dataset.snapshot`: freeze the labeled set — each reviewed document's latest complete review,
 * its split (fixed once given) and the label schema — as a content-hashed blob. Its id derives
 * from the run, so a retried snapshot writes the same row.
 */
export const snapshotDataset: JobHandler<"dataset.snapshot"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed") return { skipped: true };
  if (run.snapshotId) return { snapshotId: run.snapshotId };
  await updateTrainingRun(deps.db, run.id, {
    status: "running",
    progress: { stage: "snapshot", message: "freezing the labeled documents" },
  });
  const project = await getProjectById(deps.db, payload.projectId);
  if (!project) throw new Error("project is gone");
  const reviews = await listLabeledDocuments(deps.db, project.id);
  const splits = await assignSplits(
    deps.db,
    project.id,
    reviews.map((r) => r.documentId),
    project.settings.validationShare,
  );
  // Validation documents assigned before this run grade it; newer ones wait for the next run
  // (unless there is nothing older: the first model has no champion to protect).
  const hasOlderValidation = [...splits.values()].some(
    (a) => a.split === "validation" && a.assignedAt < run.createdAt,
  );
  const splitOf = (id: string): SnapshotContent["documents"][number]["split"] => {
    const a = splits.get(id);
    if (!a || a.split === "train") return "train";
    return hasOlderValidation && a.assignedAt >= run.createdAt ? "holdout" : "validation";
  };
  const documents: SnapshotContent["documents"] = [];
  for (const review of reviews) {
    const doc = await getDocumentById(deps.db, review.documentId);
    if (!doc || !review.category) continue;
    documents.push({
      id: doc.id,
      sha256: doc.sha256,
      split: splitOf(doc.id),
      category: review.category,
      fields: review.fields.map((f) => ({
        name: f.name,
        value: f.value,
        ...(f.tokenIds.length ? { tokenIds: f.tokenIds } : {}),
      })),
    });
  }
  const content: SnapshotContent = {
    projectId: project.id,
    labelSchema: project.labelSchema,
    documents,
  };
  const { key } = await deps.blobs.put(new TextEncoder().encode(JSON.stringify(content)));
  const snapshot = await createDatasetSnapshot(deps.db, {
    id: `ds_${run.id}`,
    projectId: project.id,
    contentHash: hashSnapshot(content),
    labelSchemaVersion: project.labelSchema.version,
    trainCount: documents.filter((d) => d.split === "train").length,
    validationCount: documents.filter((d) => d.split === "validation").length,
    blobKey: key,
  });
  await updateTrainingRun(deps.db, run.id, { snapshotId: snapshot.id });
  log.info(
    {
      trainingRunId: run.id,
      train: snapshot.trainCount,
      validation: snapshot.validationCount,
      holdout: documents.filter((d) => d.split === "holdout").length,
    },
    "dataset snapshot frozen",
  );
  return { snapshotId: snapshot.id, hash: snapshot.contentHash };
};
