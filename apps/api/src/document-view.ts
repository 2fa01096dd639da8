import {
  type Box,
  type Classification,
  type ExtractedField,
  type Token,
  unionBox,
} from "@pagewise/core";
import {
  type Db,
  type DocumentRecord,
  type DocumentResult,
  getDocumentResults,
  getLatestReview,
  getPages,
  type Review,
} from "@pagewise/storage";
import type { DocumentView } from "./schemas/document";

function reviewView(review: Review, tokens: Map<string, { page: number; token: Token }>) {
  return {
    id: review.id,
    actor: review.actor,
    source: review.source,
    complete: review.complete,
    category: review.category,
    createdAt: review.createdAt,
    fields: review.fields.map((f) => {
      const found = f.tokenIds.map((id) => tokens.get(id)).filter((t) => t !== undefined);
      const boxes: Box[] = found.map((t) => t.token.box);
      return {
        name: f.name,
        value: f.value,
        tokenIds: f.tokenIds,
        page: found[0]?.page ?? null,
        box: boxes.length ? unionBox(boxes) : null,
        verdict: f.verdict ?? null,
      };
    }),
  };
}

/**
 * The API's shape of documents: status, the models' predictions (with the versions that made
 * them) and the latest review. Loads results for all documents in one query.
 */
export async function toDocumentViews(
  db: Db,
  docs: readonly DocumentRecord[],
  options: { withReview?: boolean } = {},
): Promise<DocumentView[]> {
  const results = await getDocumentResults(
    db,
    docs.map((d) => d.id),
  );
  return Promise.all(
    docs.map(async (doc) => {
      const r = results.get(doc.id) ?? {};
      const classification = r.classification as DocumentResult<Classification> | undefined;
      const extraction = r.extraction as DocumentResult<ExtractedField[]> | undefined;
      let review: DocumentView["review"] = null;
      if (options.withReview) {
        const latest = await getLatestReview(db, doc.id);
        if (latest) {
          const tokens = new Map<string, { page: number; token: Token }>();
          for (const page of await getPages(db, doc.id)) {
            for (const token of page.tokens) tokens.set(token.id, { page: page.index, token });
          }
          review = reviewView(latest, tokens);
        }
      }
      return {
        id: doc.id,
        status: doc.status,
        filename: doc.filename,
        mime: doc.mime,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        pageCount: doc.pageCount,
        error: doc.error,
        category: classification
          ? {
              name: doc.category ?? classification.data.category,
              confidence: classification.data.confidence,
              modelVersion: classification.modelVersion,
            }
          : doc.category
            ? { name: doc.category, confidence: 1, modelVersion: null }
            : null,
        fields: (extraction?.data ?? []).map((f) => ({
          ...f,
          modelVersion: extraction?.modelVersion ?? null,
        })),
        minConfidence: doc.minConfidence,
        review,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
        processedAt: doc.processedAt,
      };
    }),
  );
}

export async function toDocumentView(db: Db, doc: DocumentRecord): Promise<DocumentView> {
  return (await toDocumentViews(db, [doc], { withReview: true }))[0]!;
}
