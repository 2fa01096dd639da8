import { classifyDocument as classify } from "@pagewise/models";
import { saveDocumentResult } from "@pagewise/storage";
import { loadActiveDocument } from "../document-guard";
import { loadLayout } from "../document-layout";
import type { JobHandler } from "../job-registry";

/**
 * `document.classify`: the project's champion classifier decides the category. Without a
 * champion the document keeps its layout only and ends `needs_review`.
 */
export const classifyDocument: JobHandler<"document.classify"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc || doc.importLabels) return { skipped: true };
  const champion = await deps.models.champion(doc.projectId, "classifier");
  if (!champion) return { skipped: "no classifier" };
  const classification = await classify(champion.model, await loadLayout(deps.db, doc.id));
  await saveDocumentResult(deps.db, {
    documentId: doc.id,
    kind: "classification",
    modelVersionId: champion.version.id,
    modelVersion: champion.version.version,
    data: classification,
  });
  log.debug({ documentId: doc.id, version: champion.version.version }, "classified");
  return { category: classification.category, version: champion.version.version };
};
