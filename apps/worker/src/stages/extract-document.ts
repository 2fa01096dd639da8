import {
  type CategoryDefinition,
  type Classification,
  type ExtractedField,
  findCategory,
  type Layout,
} from "@pagewise/core";
import { recordInference } from "@pagewise/metrics";
import { extractFields, locateEInvoiceFields } from "@pagewise/models";
import { saveDocumentResult } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";
import { documentContext, layoutOf, storedResult } from "../document-context";
import { loadActiveDocument } from "../document-guard";
import { einvoiceOf } from "../einvoice-result";
import type { JobHandler } from "../job-registry";
import { predictInShadow } from "../monitoring/predict-in-shadow";
import { applyVendorMemory } from "../vendor-memory/apply-vendor-memory";
import { learnFromEInvoice } from "../vendor-memory/learn-vendor-memory";
import { LINE_ITEM_CATEGORY, saveLineItems } from "./save-line-items";

/**
 * `document.extract`: the champion extractor finds the fields of the classified category (the
 * challenger, and new versions in their shadow period, predict in its shadow).
 */
export const extractDocument: JobHandler<"document.extract"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc || doc.importLabels) return { skipped: true };
  const context = await documentContext(deps, doc, "classify");
  const keep = () => deps.contexts.put(doc.id, doc.pipelineRun, "extract", context);
  const { project, results } = context;
  const classification = results.classification?.data as Classification | undefined;
  if (!classification) {
    keep();
    return { skipped: "no category" };
  }
  const invoice = project ? einvoiceOf(project, results) : null;
  if (invoice) {
    const layout = layoutOf(context);
    const fields = locateEInvoiceFields(invoice.einvoice, invoice.category, layout);
    const model = await modelFieldsBesides(deps, doc.projectId, layout, invoice.category, fields);
    const result = {
      modelVersionId: model?.versionId ?? null,
      modelVersion: model?.version ?? null,
      data: [...fields, ...(model?.fields ?? [])],
    };
    await saveDocumentResult(deps.db, { documentId: doc.id, kind: "extraction", ...result });
    results.extraction = storedResult("extraction", result);
    keep();
    const located = fields.filter((f) => f.tokenIds.length > 0).length;
    // The supplier's own labels teach the vendor memory its template (docs/vendor-memory.md).
    const remembered =
      project?.settings.vendorMemory === true &&
      (await learnFromEInvoice(deps.db, {
        projectId: doc.projectId,
        documentId: doc.id,
        uploadedAt: doc.createdAt,
        category: invoice.category,
        layout,
        fields,
      }));
    log.debug(
      { documentId: doc.id, fields: fields.length, located, remembered },
      "e-invoice fields",
    );
    return { fields: fields.length, located, remembered, source: "einvoice" };
  }
  const champion = await deps.models.champion(doc.projectId, "extractor");
  const category = project ? findCategory(project.labelSchema, classification.category) : null;
  const invoiceLines = classification.category === LINE_ITEM_CATEGORY;
  if (!champion && !(project?.settings.vendorMemory && category) && !invoiceLines) {
    keep();
    return { skipped: "no extractor" };
  }
  const layout = layoutOf(context);
  // Line items need no model: a project's first invoice has them before any review.
  const lineItems = invoiceLines ? await saveLineItems(deps, doc.id, layout) : undefined;
  const started = performance.now();
  const predicted = champion
    ? await extractFields(champion.model, layout, classification.category)
    : [];
  if (champion) recordInference("extractor", (performance.now() - started) / 1000);
  // The vendor memory answers beside the model (without a model too): one call, kept apart.
  const { fields, fromMemory } =
    project && category
      ? await applyVendorMemory(deps.db, { project, category, layout, fields: predicted })
      : { fields: predicted, fromMemory: 0 };
  if (!champion && fromMemory === 0) {
    keep();
    return { skipped: "no extractor", lineItems };
  }
  const result = {
    modelVersionId: champion?.version.id ?? null,
    modelVersion: champion?.version.version ?? null,
    data: fields,
  };
  await saveDocumentResult(deps.db, { documentId: doc.id, kind: "extraction", ...result });
  results.extraction = storedResult("extraction", result);
  keep();
  if (!champion) return { fields: fields.length, fromMemory, lineItems };
  await predictInShadow(deps, log, {
    kind: "extractor",
    category: classification.category,
    projectId: doc.projectId,
    project,
    documentId: doc.id,
    champion: champion.version,
    layout,
  });
  log.debug(
    { documentId: doc.id, fields: fields.length, version: champion.version.version },
    "extracted",
  );
  return { fields: fields.length, fromMemory, version: champion.version.version, lineItems };
};

/**
 * The champion extractor's fields of the invoice category that the e-invoice's XML does not
 * give (an XML never says everything a project's schema asks for); null without a champion.
 */
async function modelFieldsBesides(
  deps: WorkerDeps,
  projectId: string,
  layout: Layout,
  category: CategoryDefinition,
  fromXml: readonly ExtractedField[],
): Promise<{ fields: ExtractedField[]; versionId: string; version: number } | null> {
  if (layout.pages.length === 0) return null; // an XML upload: nothing to read
  const champion = await deps.models.champion(projectId, "extractor");
  if (!champion) return null;
  const have = new Set(fromXml.map((f) => f.name));
  const predicted = await extractFields(champion.model, layout, category.name);
  return {
    fields: predicted.filter((f) => !have.has(f.name)).map((f) => ({ ...f, source: "model" })),
    versionId: champion.version.id,
    version: champion.version.version,
  };
}
