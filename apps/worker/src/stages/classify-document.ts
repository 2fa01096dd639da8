import { recordInference } from "@pagewise/metrics";
import { classifyDocument as classify } from "@pagewise/models";
import { saveDocumentResult } from "@pagewise/storage";
import { documentContext, layoutOf, storedResult } from "../document-context";
import { loadActiveDocument } from "../document-guard";
import { EINVOICE_CATEGORY, einvoiceOf } from "../einvoice-result";
import type { JobHandler } from "../job-registry";
import { predictInShadow } from "../monitoring/predict-in-shadow";

/**
 * `document.classify`: the project's champion classifier decides the category (the challenger,
 * and new versions in their shadow period, predict in its shadow). Without a champion the
 * document keeps its layout only and ends `needs_review`. An e-invoice is an `invoice` for sure:
 * no model is asked.
 */
export const classifyDocument: JobHandler<"document.classify"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  if (doc.importLabels) return { skipped: true };
  const context = await documentContext(deps, doc, "ingest");
  const keep = () => deps.contexts.put(doc.id, doc.pipelineRun, "classify", context);
  const { project, results } = context;
  if (project && einvoiceOf(project, results)) {
    const result = {
      modelVersionId: null,
      modelVersion: null,
      data: { category: EINVOICE_CATEGORY, confidence: 1, source: "einvoice" },
    };
    await saveDocumentResult(deps.db, { documentId: doc.id, kind: "classification", ...result });
    results.classification = storedResult("classification", result);
    keep();
    return { category: EINVOICE_CATEGORY, source: "einvoice" };
  }
  const champion = await deps.models.champion(doc.projectId, "classifier");
  if (!champion) {
    keep();
    return { skipped: "no classifier" };
  }
  const layout = layoutOf(context);
  const started = performance.now();
  const classification = await classify(champion.model, layout);
  recordInference("classifier", (performance.now() - started) / 1000);
  const result = {
    modelVersionId: champion.version.id,
    modelVersion: champion.version.version,
    data: classification,
  };
  await saveDocumentResult(deps.db, { documentId: doc.id, kind: "classification", ...result });
  results.classification = storedResult("classification", result);
  keep();
  await predictInShadow(deps, log, {
    kind: "classifier",
    projectId: doc.projectId,
    project,
    documentId: doc.id,
    champion: champion.version,
    layout,
  });
  log.debug({ documentId: doc.id, version: champion.version.version }, "classified");
  return { category: classification.category, version: champion.version.version };
};
