import {
  type Box,
  type Classification,
  type EInvoice,
  type ExtractedField,
  type Token,
  unionBox,
} from "@pagewise/core";
import {
  type Db,
  type DocumentRecord,
  type DocumentResult,
  describeActors,
  getDocumentResults,
  getLatestReview,
  getPages,
  type Review,
} from "@pagewise/storage";
import type { DocumentView } from "./schemas/document";

function reviewView(
  review: Review,
  tokens: Map<string, { page: number; token: Token }>,
  actorName: string | null,
) {
  return {
    id: review.id,
    actor: review.actor,
    actorName,
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
        normalized: f.normalized,
        tokenIds: f.tokenIds,
        page: found[0]?.page ?? null,
        box: boxes.length ? unionBox(boxes) : null,
        verdict: f.verdict ?? null,
      };
    }),
    absent: review.absent,
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
      const einvoice = r.einvoice as DocumentResult<EInvoice> | undefined;
      const lineItems = r.line_items as DocumentResult<DocumentView["lineItems"]> | undefined;
      let review: DocumentView["review"] = null;
      if (options.withReview) {
        const latest = await getLatestReview(db, doc.id);
        if (latest) {
          const tokens = new Map<string, { page: number; token: Token }>();
          for (const page of await getPages(db, doc.id)) {
            for (const token of page.tokens) tokens.set(token.id, { page: page.index, token });
          }
          const names = await describeActors(db, [latest.actor]);
          review = reviewView(latest, tokens, names.get(latest.actor) ?? null);
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
          source: f.source ?? "model",
          modelVersion:
            f.source === "einvoice" || f.source === "memory"
              ? null
              : (extraction?.modelVersion ?? null),
        })),
        einvoice: einvoice
          ? {
              syntax: einvoice.data.syntax,
              attachment: einvoice.data.attachment,
              documentType: einvoice.data.documentType,
              lineItems: einvoice.data.lineItems,
            }
          : null,
        lineItems: lineItems?.data ?? null,
        minConfidence: doc.minConfidence,
        reviewReasons: doc.reviewReasons,
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
