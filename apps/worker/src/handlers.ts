import type { JobHandlers } from "./job-registry";
import { purgeExpiredDocumentsJob } from "./maintenance/purge-expired-documents";
import { reconcileDocuments } from "./maintenance/reconcile-documents";
import { sweepBlobsJob } from "./maintenance/sweep-blobs";
import { classifyDocument } from "./stages/classify-document";
import { extractDocument } from "./stages/extract-document";
import { finalizeDocument } from "./stages/finalize-document";
import { ingestDocument } from "./stages/ingest-document";
import { readPage } from "./stages/read-page";
import { renderPage } from "./stages/render-page";
import { checkFeedback } from "./training/check-feedback";
import { evaluateModelsJob } from "./training/evaluate-models-job";
import { evaluateUploadedVersionJob } from "./training/evaluate-uploaded-version";
import { promoteModelsJob } from "./training/promote-models-job";
import { snapshotDataset } from "./training/snapshot-dataset";
import { trainModelsJob } from "./training/train-models-job";
import { deliverWebhook } from "./webhooks/deliver-webhook";

/** Every job of the catalog and the function that does it. */
export const handlers: JobHandlers = {
  "document.ingest": ingestDocument,
  "page.read": readPage,
  "document.classify": classifyDocument,
  "document.extract": extractDocument,
  "document.finalize": finalizeDocument,
  "page.render": renderPage,
  "system.reconcile": reconcileDocuments,
  "system.retention": purgeExpiredDocumentsJob,
  "system.sweep-blobs": sweepBlobsJob,
  "training.check": checkFeedback,
  "dataset.snapshot": snapshotDataset,
  "model.train": trainModelsJob,
  "model.evaluate": evaluateModelsJob,
  "model.promote": promoteModelsJob,
  "model.evaluate-upload": evaluateUploadedVersionJob,
  "webhook.deliver": deliverWebhook,
};
