import { PagewiseError } from "@pagewise/core";
import { getDocumentById, getPageImageInfo, setPageImage } from "@pagewise/storage";
import type { JobHandler } from "../job-registry";

/**
 * `page.render`: the page's display image, made the first time someone asks for it (text-layer
 * pages are never rendered while reading) and kept in the blob store from then on.
 */
export const renderPage: JobHandler<"page.render"> = async (payload, { deps }) => {
  const doc = await getDocumentById(deps.db, payload.documentId);
  if (!doc?.mime) throw new PagewiseError("not_found", "No such readable document.");
  const info = await getPageImageInfo(deps.db, doc.id, payload.pageIndex);
  if (info?.imageKey) return { imageKey: info.imageKey };
  const bytes = await deps.blobCache.get(doc.blobKey);
  if (!bytes) throw new PagewiseError("not_found", "The uploaded file is missing.");
  const image = await deps.reader.renderPage(bytes, doc.mime, payload.pageIndex);
  const { key } = await deps.blobs.put(image.png);
  await setPageImage(deps.db, doc.id, payload.pageIndex, key);
  return { imageKey: key };
};
