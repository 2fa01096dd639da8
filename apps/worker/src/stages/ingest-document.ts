import { PagewiseError } from "@pagewise/core";
import { recordEvent, saveDocumentResult, transitionDocument } from "@pagewise/storage";
import { loadActiveDocument } from "../document-guard";
import type { JobHandler } from "../job-registry";

/**
 * `document.ingest`: sniff the type by magic bytes, enforce the limits, count the pages, read an
 * e-invoice's XML (an XML upload, or the file a ZUGFeRD / Factur-X PDF embeds), then start the flow that reads every page and finishes the document. Re-running it is harmless:
 * the flow's job ids are deterministic, so a second add changes nothing.
 */
export const ingestDocument: JobHandler<"document.ingest"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  await transitionDocument(deps.db, doc.id, { from: ["queued"], to: "processing" });

  const bytes = await deps.blobCache.get(doc.blobKey);
  if (!bytes)
    throw new PagewiseError("internal", "The uploaded file is missing from the blob store.");
  // Runs in a reader thread with a time limit: a hostile PDF cannot hang this worker.
  const info = await deps.reader.inspect(bytes, deps.limits);
  await transitionDocument(deps.db, doc.id, {
    from: ["processing"],
    to: "processing",
    mime: info.mime,
    pageCount: info.pageCount,
  });
  if (info.einvoice) {
    // Before the flow: classify, extract and finalize take the invoice from here.
    await saveDocumentResult(deps.db, {
      documentId: doc.id,
      kind: "einvoice",
      modelVersionId: null,
      modelVersion: null,
      data: info.einvoice,
    });
  }
  await deps.producer.addDocumentFlow(
    doc.id,
    payload.run,
    Array.from({ length: info.pageCount }, (_, i) => i),
    doc.projectId,
  );
  await recordEvent(deps.db, {
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
  log.info({ documentId: doc.id, mime: info.mime, pages: info.pageCount }, "ingested");
  return { pageCount: info.pageCount };
};
