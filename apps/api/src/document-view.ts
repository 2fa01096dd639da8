import type { DocumentRecord } from "@pagewise/storage";
import type { DocumentView } from "./schemas/document";

/** The API's shape of a document. */
export function toDocumentView(doc: DocumentRecord): DocumentView {
  return {
    id: doc.id,
    status: doc.status,
    filename: doc.filename,
    mime: doc.mime,
    sizeBytes: doc.sizeBytes,
    sha256: doc.sha256,
    pageCount: doc.pageCount,
    error: doc.error,
    category: null,
    fields: [],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    processedAt: doc.processedAt,
  };
}
