import { isPagewiseError, PagewiseError } from "@pagewise/core";
import { recordPageRead } from "@pagewise/metrics";
import {
  getPageImageInfo,
  savePageLayout,
  storeReferencedBlob,
  touchDocument,
} from "@pagewise/storage";
import { loadActiveDocument } from "../document-guard";
import type { JobHandler } from "../job-registry";
import { ocrLanguagesFor } from "../ocr-languages";

/** Page-level errors: this page stays empty with its code; the other pages still count. */
const PAGE_ERRORS = new Set([
  "page_unreadable",
  "corrupt_pdf",
  "corrupt_image",
  "image_too_large",
  "document_too_complex",
]);

/**
 * `page.read`: the page's text layer, or OCR when it has none. A page that is already stored
 * (imported with the upload, or read by an earlier attempt) is not read again.
 */
export const readPage: JobHandler<"page.read"> = async (payload, { deps, log }) => {
  const doc = await loadActiveDocument(deps, payload);
  if (!doc) return { skipped: true };
  const existing = await getPageImageInfo(deps.db, doc.id, payload.pageIndex);
  if (existing) return { alreadyRead: true };
  if (!doc.mime) throw new PagewiseError("internal", "The document was not ingested.");

  const bytes = await deps.blobCache.get(doc.blobKey);
  if (!bytes)
    throw new PagewiseError("internal", "The uploaded file is missing from the blob store.");
  const started = performance.now();
  try {
    const languages = await ocrLanguagesFor(deps, doc.projectId);
    const { page, image } = await deps.reader.readPage(bytes, doc.mime, payload.pageIndex, {
      languages,
    });
    if (page.source === "text" || page.source === "ocr") {
      recordPageRead(page.source, (performance.now() - started) / 1000);
    }
    if (image) {
      // A page insert for a document deleted meanwhile throws (foreign key): the image is
      // released again, and the retry finds the document gone.
      await storeReferencedBlob(deps.db, deps.blobs, image.png, async (key) => {
        await savePageLayout(deps.db, doc.id, page, key);
        return true;
      });
    } else {
      // Its display image is made once the document is finished (see `finalize-document.ts`).
      await savePageLayout(deps.db, doc.id, page, null);
    }
    log.debug(
      {
        documentId: doc.id,
        page: payload.pageIndex,
        source: page.source,
        tokens: page.tokens.length,
        ms: Math.round(performance.now() - started),
      },
      "page read",
    );
  } catch (error) {
    if (!isPagewiseError(error) || !PAGE_ERRORS.has(error.code)) throw error;
    await savePageLayout(
      deps.db,
      doc.id,
      { index: payload.pageIndex, width: 1, height: 1, source: "text", tokens: [] },
      null,
      { code: error.code, message: error.message },
    );
    log.info({ documentId: doc.id, page: payload.pageIndex, code: error.code }, "page unreadable");
  }
  await touchDocument(deps.db, doc.id);
  return { read: true };
};
