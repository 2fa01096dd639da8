import { PagewiseError } from "@pagewise/core";
import {
  getDocumentById,
  getPageImageInfo,
  setPageImage,
  storeReferencedBlob,
} from "@pagewise/storage";
import type { JobHandler } from "../job-registry";

/**
 * `page.render`: the display image of a text-layer page (OCR pages keep the image they were read
 * from). Made ahead of time at low priority once the document is finished (see
 * `PAGEWISE_PAGE_IMAGES`), so it never delays reading; the API asks for it when someone opens a
 * page that has no image yet. Kept in the blob store.
 */
export const renderPage: JobHandler<"page.render"> = async (payload, { deps }) => {
  const doc = await getDocumentById(deps.db, payload.documentId);
  // Deleted meanwhile, or not ingested (nothing to render): nothing to do, nothing to retry.
  if (!doc?.mime) return { skipped: true };
  const info = await getPageImageInfo(deps.db, doc.id, payload.pageIndex);
  if (!info) return { skipped: true };
  if (info.imageKey) return { imageKey: info.imageKey };
  const bytes = await deps.blobCache.get(doc.blobKey);
  if (!bytes) throw new PagewiseError("not_found", "The uploaded file is missing.");
  const image = await deps.reader.renderPage(bytes, doc.mime, payload.pageIndex, {
    background: payload.background,
  });
  // setPageImage finds no row when the document was deleted while rendering: the image is
  // released again instead of staying on disk with nothing pointing at it.
  const key = await storeReferencedBlob(deps.db, deps.blobs, image.png, (k) =>
    setPageImage(deps.db, doc.id, payload.pageIndex, k),
  );
  return key ? { imageKey: key } : { skipped: true };
};
