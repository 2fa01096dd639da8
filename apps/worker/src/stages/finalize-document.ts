import {
  type Classification,
  type ExtractedField,
  PagewiseError,
  type ReviewReason,
} from "@pagewise/core";
import { recordDocumentFinished } from "@pagewise/metrics";
import {
  type DocumentRecord,
  getLatestReview,
  indexDocumentForSearch,
  insertReview,
  type KnownDocumentContent,
  type Project,
  recordEvent,
  type StoredPage,
  transitionDocument,
} from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";
import { documentContext } from "../document-context";
import { failDocument, loadActiveDocument } from "../document-guard";
import { einvoiceOf } from "../einvoice-result";
import type { JobHandler } from "../job-registry";
import { observeLiveDocument } from "../monitoring/observe-live-document";
import { decideReview, sampledForAudit } from "../review-decision";

/**
 * `document.finalize`: the document's terminal status. The status change is a compare-and-set
 * from `processing`, so a duplicated finalize records the outcome exactly once.
 */
export const finalizeDocument: JobHandler<"document.finalize"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  const context = await documentContext(deps, doc, "extract");
  // Whatever happens next, this worker is done with what it kept of the document.
  deps.contexts.drop(doc.id);
  const { project, pages, results } = context;
  if (!project) return { skipped: true };
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
  // Searchable once it is finished: its text, the models' fields (or imported labels), its name.
  if (doc.importLabels) return finalizeImported(deps, log, project, doc);

  const classification = results.classification?.data as Classification | undefined;
  const fields = results.extraction?.data as ExtractedField[] | undefined;
  // An e-invoice's values are the issuer's own data: nobody needs to check them, and they say
  // nothing about how the models do (no drift observation, no audit sample).
  const einvoice = classification?.source === "einvoice" && einvoiceOf(project, results) !== null;
  const decision = einvoice
    ? {
        needsReview: false,
        reasons: [],
        minConfidence: Math.min(1, ...(fields ?? []).map((f) => f.confidence)),
      }
    : decideReview(project, classification, fields);
  // Before the status moves, so that a retried finalize still records it (idempotent upsert).
  if (!einvoice) {
    await observeLiveDocument(deps, log, {
      projectId: doc.projectId,
      documentId: doc.id,
      pages,
      results,
    });
  }
  await indexForSearch(deps, log, doc.id, { document: doc, pages, extraction: fields });
  const to = decision.needsReview ? "needs_review" : "processed";
  const auditSampled =
    !einvoice && !decision.needsReview && sampledForAudit(doc.id, project.settings.auditSampleRate);
  // Decided once, here, and stored with the status: screens and clients read them from the
  // document instead of guessing from confidences.
  const reviewReasons: ReviewReason[] = auditSampled
    ? [{ code: "audit_sample", field: null, confidence: null }]
    : decision.reasons;
  // The status and its event commit together: a finished document always has its event.
  const moved = await deps.db.transaction().execute(async (trx) => {
    const done = await transitionDocument(trx, doc.id, {
      from: ["processing"],
      to,
      category: classification?.category ?? null,
      minConfidence: decision.minConfidence,
      auditSampled,
      reviewReasons,
    });
    if (!done) return false;
    await recordEvent(trx, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.processed",
      data: {
        status: to,
        reasons: reviewReasons,
        pages: pages.length,
        ocrPages: pages.filter((p) => p.source === "ocr").length,
        failedPages: failedPages.map((p) => ({ page: p.index, code: p.error?.code })),
        tokens: pages.reduce((n, p) => n + p.tokens.length, 0),
        classifierVersion: results.classification?.modelVersion ?? null,
        extractorVersion: results.extraction?.modelVersion ?? null,
        ...(einvoice ? { einvoice: true } : {}),
        ms: Date.now() - Date.parse(doc.createdAt),
      },
    });
    return true;
  });
  if (moved) {
    recordDocumentFinished(project.name, to);
    log.info({ documentId: doc.id, status: to, pages: pages.length }, "document finished");
    await renderAhead(deps, log, doc.id, to, pages);
  }
  return { moved, status: to };
};

/**
 * Queue the display images of the finished document's text-layer pages (scanned pages have
 * theirs from OCR), as `PAGEWISE_PAGE_IMAGES` says: after the document, so they never compete
 * with its own stages, and at the lowest priority. Not worth failing the document for: a page
 * without an image is rendered when someone opens it.
 */
async function renderAhead(
  deps: WorkerDeps,
  log: Logger,
  documentId: string,
  status: "processed" | "needs_review",
  pages: readonly StoredPage[],
) {
  const mode = deps.pageImages ?? "review";
  if (mode === "on-view" || (mode === "review" && status !== "needs_review")) return;
  const missing = pages.filter((p) => !p.imageKey && !p.error).map((p) => p.index);
  if (missing.length === 0) return;
  await deps.producer
    .addPageRenders(documentId, missing)
    .catch((err: unknown) => log.warn({ err, documentId }, "page renders not enqueued"));
}

/** A document imported with its labels: the labels become an `import` review; it is training data. */
async function finalizeImported(
  deps: WorkerDeps,
  log: Logger,
  project: Project,
  doc: DocumentRecord,
) {
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
  await indexForSearch(deps, log, doc.id);
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
    recordDocumentFinished(project.name, "reviewed");
  }
  return { moved, status: "reviewed" };
}

/**
 * Make the finished document searchable. A failure does not hold the document back: it is left
 * without an index entry, and the reconcile pass's search backfill indexes it later.
 */
async function indexForSearch(
  deps: WorkerDeps,
  log: Logger,
  documentId: string,
  known?: KnownDocumentContent,
) {
  try {
    await indexDocumentForSearch(deps.db, documentId, known);
  } catch (err) {
    await deps.db.deleteFrom("search_entries").where("document_id", "=", documentId).execute();
    log.warn({ documentId, err: (err as Error).message }, "document not indexed for search");
  }
}
