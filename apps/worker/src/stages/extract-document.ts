import type { Classification } from "@pagewise/core";
import { extractFields } from "@pagewise/models";
import { getDocumentResults, saveDocumentResult } from "@pagewise/storage";
import { loadActiveDocument } from "../document-guard";
import { loadLayout } from "../document-layout";
import type { JobHandler } from "../job-registry";

/** `document.extract`: the champion extractor finds the fields of the classified category. */
export const extractDocument: JobHandler<"document.extract"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc || doc.importLabels) return { skipped: true };
  const results = (await getDocumentResults(deps.db, [doc.id])).get(doc.id);
  const classification = results?.classification?.data as Classification | undefined;
  if (!classification) return { skipped: "no category" };
  const champion = await deps.models.champion(doc.projectId, "extractor");
  if (!champion) return { skipped: "no extractor" };
  const fields = await extractFields(
    champion.model,
    await loadLayout(deps.db, doc.id),
    classification.category,
  );
  await saveDocumentResult(deps.db, {
    documentId: doc.id,
    kind: "extraction",
    modelVersionId: champion.version.id,
    modelVersion: champion.version.version,
    data: fields,
  });
  log.debug(
    { documentId: doc.id, fields: fields.length, version: champion.version.version },
    "extracted",
  );
  return { fields: fields.length, version: champion.version.version };
};
