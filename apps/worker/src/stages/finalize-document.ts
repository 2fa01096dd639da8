import { type Classification, type ExtractedField, PagewiseError } from "@pagewise/core";
import {
  type DocumentRecord,
  getDocumentResults,
  getLatestReview,
  getPages,
  getProjectById,
  insertReview,
  type Project,
  recordEvent,
  transitionDocument,
} from "@pagewise/storage";
import type { WorkerDeps } from "../deps";
import { failDocument, loadActiveDocument } from "../document-guard";
import type { JobHandler } from "../job-registry";
import { decideReview, sampledForAudit } from "../review-decision";

/**
 * `document.finalize`: the document's terminal status. The status change is a compare-and-set
 * from `processing`, so a duplicated finalize records the outcome exactly once.
 */
export const finalizeDocument: JobHandler<"document.finalize"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  const project = await getProjectById(deps.db, doc.projectId);
  if (!project) return { skipped: true };
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
  if (doc.importLabels) return finalizeImported(deps, project, doc);

  const results = (await getDocumentResults(deps.db, [doc.id])).get(doc.id);
  const classification = results?.classification?.data as Classification | undefined;
  const fields = results?.extraction?.data as ExtractedField[] | undefined;
  const decision = decideReview(project, classification, fields);
  const to = decision.needsReview ? "needs_review" : "processed";
  const moved = await transitionDocument(deps.db, doc.id, {
    from: ["processing"],
    to,
    category: classification?.category ?? null,
    minConfidence: decision.minConfidence,
    auditSampled:
      !decision.needsReview && sampledForAudit(doc.id, project.settings.auditSampleRate),
  });
  if (moved) {
    await recordEvent(deps.db, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.processed",
      data: {
        status: to,
        reasons: decision.reasons,
        pages: pages.length,
        ocrPages: pages.filter((p) => p.source === "ocr").length,
        failedPages: failedPages.map((p) => ({ page: p.index, code: p.error?.code })),
        tokens: pages.reduce((n, p) => n + p.tokens.length, 0),
        classifierVersion: results?.classification?.modelVersion ?? null,
        extractorVersion: results?.extraction?.modelVersion ?? null,
        ms: Date.now() - Date.parse(doc.createdAt),
      },
    });
    log.info({ documentId: doc.id, status: to, pages: pages.length }, "document finished");
  }
  return { moved, status: to };
};

/** A document imported with its labels: the labels become an `import` review; it is training data. */
async function finalizeImported(deps: WorkerDeps, project: Project, doc: DocumentRecord) {
  const labels = doc.importLabels!;
  const latest = await getLatestReview(deps.db, doc.id);
  if (latest?.source !== "import") {
    await insertReview(deps.db, {
      projectId: project.id,
      documentId: doc.id,
      actor: "import",
      source: "import",
      complete: true,
      category: labels.category,
      fields: labels.fields.map((f) => ({
        name: f.name,
        value: f.value,
        normalized: null,
        tokenIds: f.tokenIds ?? [],
        aligned: false,
      })),
      previous: {},
      labelSchemaVersion: project.labelSchema.version,
    });
  }
  const moved = await transitionDocument(deps.db, doc.id, {
    from: ["processing"],
    to: "reviewed",
    category: labels.category,
  });
  if (moved) {
    await recordEvent(deps.db, {
      projectId: project.id,
      documentId: doc.id,
      type: "document.processed",
      data: { status: "reviewed", imported: true, fields: labels.fields.length },
    });
  }
  return { moved, status: "reviewed" };
}
