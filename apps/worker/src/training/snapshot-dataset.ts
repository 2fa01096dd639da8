import type { Classification, ExtractedField } from "@pagewise/core";
import {
  assignSplits,
  createDatasetSnapshot,
  getTrainingRun,
  updateTrainingRun,
} from "@pagewise/registry";
import {
  getDocumentById,
  getDocumentResults,
  getProjectById,
  listEInvoiceDocumentIds,
  listLabeledDocuments,
} from "@pagewise/storage";
import type { JobHandler } from "../job-registry";
import { enterStage } from "./enter-stage";
import { encodeSnapshot, hashSnapshot, type SnapshotContent } from "./snapshot-content";
import { snapshotDocument, snapshotEInvoiceDocument } from "./snapshot-document";

/**
 * `dataset.snapshot`: freeze the labeled set — each reviewed document's latest complete review,
 * and each e-invoice finished without one (its XML's fields located on the page), with
 * its split (fixed once given) and the label schema — as a content-hashed blob. Its id derives
 * from the run, so a retried snapshot writes the same row.
 */
export const snapshotDataset: JobHandler<"dataset.snapshot"> = async (payload, { deps, log }) => {
  const run = await getTrainingRun(deps.db, payload.trainingRunId);
  if (!run || run.status === "succeeded" || run.status === "failed") return { skipped: true };
  if (run.snapshotId) return { snapshotId: run.snapshotId };
  await enterStage(deps, run.id, "snapshot", "freezing the labeled documents", {
    status: "running",
  });
  const project = await getProjectById(deps.db, payload.projectId);
  if (!project) throw new Error("project is gone");
  const reviews = await listLabeledDocuments(deps.db, project.id);
  const einvoiceIds = await listEInvoiceDocumentIds(deps.db, project.id);
  const splits = await assignSplits(
    deps.db,
    project.id,
    [...reviews.map((r) => r.documentId), ...einvoiceIds],
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
    const entry = doc && snapshotDocument(review, doc, splitOf(doc.id));
    if (entry) documents.push(entry);
  }
  const einvoiceResults = await getDocumentResults(deps.db, einvoiceIds);
  for (const id of einvoiceIds) {
    const doc = await getDocumentById(deps.db, id);
    const results = einvoiceResults.get(id);
    const category = (results?.classification?.data as Classification | undefined)?.category;
    const fields = results?.extraction?.data as ExtractedField[] | undefined;
    const entry =
      doc && category && fields && snapshotEInvoiceDocument(category, fields, doc, splitOf(id));
    if (entry) documents.push(entry);
  }
  // In the order of their bytes' hashes, not of their random ids: the same labeled documents
  // give the same snapshot, and (training being seeded) the same model, in any project.
  documents.sort((a, b) =>
    a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.id < b.id ? -1 : 1,
  );
  const content: SnapshotContent = {
    projectId: project.id,
    labelSchema: project.labelSchema,
    documents,
  };
  const { key } = await deps.blobs.put(await encodeSnapshot(deps.db, content));
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
      einvoices: documents.filter((d) => d.annotated).length,
    },
    "dataset snapshot frozen",
  );
  return { snapshotId: snapshot.id, hash: snapshot.contentHash };
};
