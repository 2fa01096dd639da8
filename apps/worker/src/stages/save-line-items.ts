import type { Layout } from "@pagewise/core";
import { readLineItems } from "@pagewise/models";
import { saveDocumentResult } from "@pagewise/storage";
import type { WorkerDeps } from "../deps";

/** The category whose documents have line items read from their pages. */
export const LINE_ITEM_CATEGORY = "invoice";

/**
 * Read an invoice's line items from its pages and store them (`line_items` result). The reader
 * needs no trained model, so a project's first invoice has its lines before any review; an
 * e-invoice's lines come from its XML instead and are not read here.
 */
export async function saveLineItems(
  deps: WorkerDeps,
  documentId: string,
  layout: Layout,
): Promise<number> {
  const rows = readLineItems(layout);
  await saveDocumentResult(deps.db, {
    documentId,
    kind: "line_items",
    modelVersionId: null,
    modelVersion: null,
    data: rows,
  });
  return rows.length;
}
