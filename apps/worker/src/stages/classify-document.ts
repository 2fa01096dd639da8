import { recordInference } from "@pagewise/metrics";
import { classifyDocument as classify } from "@pagewise/models";
import { getDocumentResults, getProjectById, saveDocumentResult } from "@pagewise/storage";
import { loadActiveDocument } from "../document-guard";
import { loadLayout } from "../document-layout";
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
  if (!doc || doc.importLabels) return { skipped: true };
  const project = await getProjectById(deps.db, doc.projectId);
  const results = (await getDocumentResults(deps.db, [doc.id])).get(doc.id);
  if (project && einvoiceOf(project, results)) {
    await saveDocumentResult(deps.db, {
      documentId: doc.id,
      kind: "classification",
      modelVersionId: null,
      modelVersion: null,
      data: { category: EINVOICE_CATEGORY, confidence: 1, source: "einvoice" },
    });
    return { category: EINVOICE_CATEGORY, source: "einvoice" };
  }
  const champion = await deps.models.champion(doc.projectId, "classifier");
  if (!champion) return { skipped: "no classifier" };
  const layout = await loadLayout(deps.db, doc.id);
  const started = performance.now();
  const classification = await classify(champion.model, layout);
  recordInference("classifier", (performance.now() - started) / 1000);
  await saveDocumentResult(deps.db, {
    documentId: doc.id,
    kind: "classification",
    modelVersionId: champion.version.id,
    modelVersion: champion.version.version,
    data: classification,
  });
  await predictInShadow(deps, log, {
    kind: "classifier",
    projectId: doc.projectId,
    documentId: doc.id,
    champion: champion.version,
    layout,
  });
  log.debug({ documentId: doc.id, version: champion.version.version }, "classified");
  return { category: classification.category, version: champion.version.version };
};
