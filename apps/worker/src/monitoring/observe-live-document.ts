import { type Classification, type ExtractedField, observeDocument } from "@pagewise/core";
import {
  type DocumentResult,
  type ResultKind,
  type StoredPage,
  saveDocumentObservation,
} from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";

/**
 * Record what a finished live document looked like, for drift monitoring. Monitoring never fails
 * a document: an error here is logged and the document finishes as decided.
 */
export async function observeLiveDocument(
  deps: WorkerDeps,
  log: Logger,
  input: {
    projectId: string;
    documentId: string;
    pages: readonly StoredPage[];
    results: Partial<Record<ResultKind, DocumentResult>> | undefined;
  },
): Promise<void> {
  try {
    const { results } = input;
    const layout = { pages: input.pages.map(({ imageKey: _, error: __, ...page }) => page) };
    await saveDocumentObservation(deps.db, {
      projectId: input.projectId,
      documentId: input.documentId,
      classifierVersionId: results?.classification?.modelVersionId ?? null,
      extractorVersionId: results?.extraction?.modelVersionId ?? null,
      observation: observeDocument(
        layout,
        results?.classification?.data as Classification | undefined,
        results?.extraction?.data as ExtractedField[] | undefined,
      ),
    });
  } catch (error) {
    log.warn({ documentId: input.documentId, err: error }, "observing the document failed");
  }
}
