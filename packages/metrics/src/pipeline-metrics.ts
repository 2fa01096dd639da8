import type { ModelKind } from "@pagewise/core";
import { Counter, Histogram } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const documents = new Counter({
  name: "pagewise_documents_total",
  help: "Documents that reached a terminal status (processed, needs_review, reviewed, failed), by project name.",
  labelNames: ["project", "status"] as const,
  registers: [registry],
});

const pagesRead = new Counter({
  name: "pagewise_pages_read_total",
  help: "Pages read by the worker, by source (text: the PDF's text layer, ocr: rendered and recognized).",
  labelNames: ["source"] as const,
  registers: [registry],
});

const ocrPage = new Histogram({
  name: "pagewise_ocr_page_seconds",
  help: "Time to read one page by OCR (render or decode, prepare, recognize).",
  buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 120],
  registers: [registry],
});

const ingestRead = new Histogram({
  name: "pagewise_ingest_read_seconds",
  help: "Time of document.ingest's reader call for one document (type, limits, page count, e-invoice and every text-layer page, in a reader thread), waiting for a free thread included.",
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const inference = new Histogram({
  name: "pagewise_inference_seconds",
  help: "Time of one model prediction for one document, by model kind (classifier, extractor).",
  labelNames: ["kind"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const trainingRuns = new Counter({
  name: "pagewise_training_runs_total",
  help: "Finished retrainings by project name and outcome (promoted, rejected, failed).",
  labelNames: ["project", "outcome"] as const,
  registers: [registry],
});

const vendorMemoryLearned = new Counter({
  name: "pagewise_vendor_memory_learned_total",
  help: "Documents the vendor memory learned a supplier's template from, by what taught it (review, einvoice).",
  labelNames: ["from"] as const,
  registers: [registry],
});

const vendorMemoryFields = new Counter({
  name: "pagewise_vendor_memory_fields_total",
  help: "Extracted fields whose value the vendor memory gave (source memory), kept over the model's.",
  registers: [registry],
});

export type VendorMemoryTeacher = "review" | "einvoice";

/** The worker's series with known label values, at zero from the start (see `initJobMetrics`). */
export function initPipelineMetrics(): void {
  if (!metricsEnabled()) return;
  for (const source of ["text", "ocr"] as const) pagesRead.inc({ source }, 0);
  for (const kind of ["classifier", "extractor"] as const) inference.zero({ kind });
  for (const from of ["review", "einvoice"] as const) vendorMemoryLearned.inc({ from }, 0);
  vendorMemoryFields.inc(0);
}

/** The vendor memory stored what a document taught it (a review, or an e-invoice's XML). */
export function recordVendorMemoryLearned(from: VendorMemoryTeacher): void {
  if (metricsEnabled()) vendorMemoryLearned.inc({ from });
}

/** `count` fields of one document came from the vendor memory. */
export function recordVendorMemoryFields(count: number): void {
  if (metricsEnabled() && count > 0) vendorMemoryFields.inc(count);
}

/** A document reached `status` (terminal); counted once, where the status change succeeded. */
export function recordDocumentFinished(project: string, status: string): void {
  if (metricsEnabled()) documents.inc({ project, status });
}

/** `document.ingest` read one document (inspected it and read its text-layer pages). */
export function recordIngestRead(seconds: number): void {
  if (metricsEnabled()) ingestRead.observe(seconds);
}

/** One page was read; OCR pages also give their reading time. */
export function recordPageRead(source: "text" | "ocr", seconds: number): void {
  if (!metricsEnabled()) return;
  pagesRead.inc({ source });
  if (source === "ocr") ocrPage.observe(seconds);
}

export function recordInference(kind: ModelKind, seconds: number): void {
  if (metricsEnabled()) inference.observe({ kind }, seconds);
}

export type TrainingRunOutcome = "promoted" | "rejected" | "failed";

export function recordTrainingRun(project: string, outcome: TrainingRunOutcome): void {
  if (metricsEnabled()) trainingRuns.inc({ project, outcome });
}
