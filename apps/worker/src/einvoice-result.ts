import { type CategoryDefinition, type EInvoice, findCategory } from "@pagewise/core";
import type { DocumentResult, Project, ResultKind } from "@pagewise/storage";

/** The category e-invoices belong to (the default label schema's). */
export const EINVOICE_CATEGORY = "invoice";

/**
 * The e-invoice the ingest read from the document (an XML upload, or a ZUGFeRD / Factur-X PDF's
 * embedded XML) with the project's invoice category, or null when there is none, the project
 * turned `readEInvoices` off, or its label schema has no `invoice` category (then the models
 * decide as for any document).
 */
export function einvoiceOf(
  project: Pick<Project, "labelSchema" | "settings">,
  results: Partial<Record<ResultKind, DocumentResult>> | undefined,
): { einvoice: EInvoice; category: CategoryDefinition } | null {
  if (!project.settings.readEInvoices) return null;
  const einvoice = results?.einvoice?.data as EInvoice | undefined;
  const category = findCategory(project.labelSchema, EINVOICE_CATEGORY);
  return einvoice && category ? { einvoice, category } : null;
}
