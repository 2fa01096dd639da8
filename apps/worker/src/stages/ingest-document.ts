import { PagewiseError } from "@pagewise/core";
import { recordIngestRead, recordPageRead } from "@pagewise/metrics";
import {
  recordEvent,
  saveDocumentResult,
  savePageLayout,
  transitionDocument,
} from "@pagewise/storage";
import { storedResult } from "../document-context";
import { loadActiveDocument } from "../document-guard";
import type { JobHandler } from "../job-registry";
import { finishReadDocument } from "./finish-read-document";

/**
 * `document.ingest`: sniff the type by magic bytes, enforce the limits, count the pages, read an
 * e-invoice's XML (an XML upload, or the file a ZUGFeRD / Factur-X PDF embeds) and, in the same
 * reader call on the same open PDF, the text layer of every page that has one. Those pages, the
 * status, the e-invoice and the event are written in one transaction. Pages still to read (scans
 * for OCR, unreadable pages, images) start the flow: a `page.read` per page, then classify →
 * extract → finalize as jobs. A document with none left (a text PDF) is classified, extracted and
 * finalized right here (`finishReadDocument`). Re-running it is harmless: pages are upserts, the
 * flow's job ids are deterministic (a second add changes nothing) and the stages are idempotent.
 */
export const ingestDocument: JobHandler<"document.ingest"> = async (payload, ctx) => {
  const { deps, log } = ctx;
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };

  const bytes = await deps.blobCache.get(doc.blobKey);
  if (!bytes)
    throw new PagewiseError("internal", "The uploaded file is missing from the blob store.");
  // Runs in a reader thread with a time limit: a hostile PDF cannot hang this worker. A document
  // uploaded with its layout keeps it: its pages are not read again.
  const started = performance.now();
  const { info, textPages } = doc.hasImportedLayout
    ? { info: await deps.reader.inspect(bytes, deps.limits), textPages: [] }
    : await deps.reader.ingest(bytes, deps.limits);
  const readSeconds = (performance.now() - started) / 1000;
  recordIngestRead(readSeconds);
  for (const _ of textPages) recordPageRead("text", readSeconds / textPages.length);
  const stored = doc.hasImportedLayout ? await storedPageIndexes(deps, doc.id) : new Set<number>();
  const read = new Set(textPages.map((p) => p.index));
  const toRead = Array.from({ length: info.pageCount }, (_, i) => i).filter(
    (i) => !read.has(i) && !stored.has(i),
  );
  const moved = await deps.db.transaction().execute(async (trx) => {
    // The write first: on SQLite it takes the write lock at once.
    const moved = await transitionDocument(trx, doc.id, {
      from: ["queued", "processing"],
      to: "processing",
      mime: info.mime,
      pageCount: info.pageCount,
    });
    // Deleted, finished or failed meanwhile: nothing of it is written.
    if (!moved) return false;
    for (const page of textPages) await savePageLayout(trx, doc.id, page, null);
    if (info.einvoice) {
      // Before the flow: classify, extract and finalize take the invoice from here.
      await saveDocumentResult(trx, {
        documentId: doc.id,
        kind: "einvoice",
        modelVersionId: null,
        modelVersion: null,
        data: info.einvoice,
      });
    }
    await recordEvent(trx, {
      projectId: doc.projectId,
      documentId: doc.id,
      type: "document.ingested",
      data: {
        mime: info.mime,
        pageCount: info.pageCount,
        run: payload.run,
        ...(info.einvoice ? { einvoice: info.einvoice.syntax } : {}),
      },
    });
    return true;
  });
  if (!moved) return { skipped: true };
  if (toRead.length === 0 && !doc.hasImportedLayout) {
    // Every page is read: classify (run below, in this job) takes them from memory.
    deps.contexts.put(doc.id, payload.run, "ingest", {
      project: null,
      pages: textPages.map((page) => ({ ...page, imageKey: null, error: null })),
      results: info.einvoice
        ? {
            einvoice: storedResult("einvoice", {
              modelVersionId: null,
              modelVersion: null,
              data: info.einvoice,
            }),
          }
        : {},
    });
  }
  if (toRead.length > 0)
    await deps.producer.addDocumentFlow(doc.id, payload.run, toRead, doc.projectId);
  log.info(
    { documentId: doc.id, mime: info.mime, pages: info.pageCount, textPages: textPages.length },
    "ingested",
  );
  const ingested = { pageCount: info.pageCount, textPages: textPages.length };
  if (toRead.length > 0) return ingested;
  // Nothing left to read: the stages after reading run here, not as a flow of three jobs.
  return { ...ingested, ...(await finishReadDocument(payload, ctx)) };
};

/** The pages already stored (a layout imported with the upload): they are not read again. */
async function storedPageIndexes(
  deps: Parameters<typeof loadActiveDocument>[0],
  documentId: string,
): Promise<Set<number>> {
  const rows = await deps.db
    .selectFrom("pages")
    .select("page_index")
    .where("document_id", "=", documentId)
    .execute();
  return new Set(rows.map((r) => r.page_index));
}
