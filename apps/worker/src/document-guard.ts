import { PagewiseError, TERMINAL_STATUSES } from "@pagewise/core";
import { recordDocumentFinished } from "@pagewise/metrics";
import {
  type DocumentRecord,
  getDocumentById,
  recordEvent,
  transitionDocument,
} from "@pagewise/storage";
import type { WorkerDeps } from "./deps";
import { projectLabel } from "./project-label";

/**
 * The document a pipeline job is about, or null when the job has nothing left to do: the
 * document was deleted, already finished, or restarted under a newer run (a stale job).
 */
export async function loadActiveDocument(
  deps: Pick<WorkerDeps, "db">,
  payload: { documentId: string; run: number },
): Promise<DocumentRecord | null> {
  const doc = await getDocumentById(deps.db, payload.documentId);
  if (!doc || doc.pipelineRun !== payload.run || TERMINAL_STATUSES.has(doc.status)) return null;
  return doc;
}

/** End a document as `failed` with a stable code (once: only from a non-terminal status). */
export async function failDocument(
  deps: Pick<WorkerDeps, "db" | "logger">,
  documentId: string,
  error: unknown,
): Promise<void> {
  const code = error instanceof PagewiseError ? error.code : "internal";
  const message =
    error instanceof PagewiseError ? error.message : "The document could not be processed.";
  const moved = await transitionDocument(deps.db, documentId, {
    from: ["queued", "processing"],
    to: "failed",
    error: { code, message },
  });
  if (!moved) return;
  const doc = await getDocumentById(deps.db, documentId);
  if (doc) {
    await recordEvent(deps.db, {
      projectId: doc.projectId,
      documentId,
      type: "document.failed",
      data: { code },
    });
    recordDocumentFinished(await projectLabel(deps, doc.projectId), "failed");
  }
  deps.logger.info({ documentId, code }, "document failed");
}
