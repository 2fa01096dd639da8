import { PagewiseError } from "@pagewise/core";
import { getPages, recordEvent, transitionDocument } from "@pagewise/storage";
import { failDocument, loadActiveDocument } from "../document-guard";
import type { JobHandler } from "../job-registry";

/**
 * `document.finalize`: the document's terminal status. The status change is a compare-and-set
 * from `processing`, so a duplicated finalize records the outcome exactly once.
 */
export const finalizeDocument: JobHandler<"document.finalize"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  const pages = await getPages(deps.db, doc.id);
  if (pages.length < (doc.pageCount ?? 0)) {
    // Should not happen (the flow waits for every page); retrying lets late writes land.
    throw new PagewiseError("internal", "Not every page has been read yet.");
  }
  const failedPages = pages.filter((p) => p.error);
  if (pages.length > 0 && failedPages.length === pages.length) {
    // Nothing could be read: the document fails with the first page's reason.
    const first = failedPages[0]!.error!;
    await failDocument(deps, doc.id, new PagewiseError(first.code, first.message));
    return { moved: false };
  }
  const moved = await transitionDocument(deps.db, doc.id, {
    from: ["processing"],
    to: "processed",
  });
  if (moved) {
    const tokens = pages.reduce((n, p) => n + p.tokens.length, 0);
    await recordEvent(deps.db, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.processed",
      data: {
        status: "processed",
        pages: pages.length,
        ocrPages: pages.filter((p) => p.source === "ocr").length,
        failedPages: failedPages.map((p) => ({ page: p.index, code: p.error?.code })),
        tokens,
        ms: Date.now() - Date.parse(doc.createdAt),
      },
    });
    log.info({ documentId: doc.id, pages: pages.length }, "document processed");
  }
  return { moved };
};
