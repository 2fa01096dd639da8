import { documentCipher, documentCiphers } from "./encryption/field-encryption";
import type { Db } from "./schema";
import { nowIso } from "./time";

/**
 * `einvoice`: the structured invoice read from the XML (an `EInvoice`), no model involved.
 * `line_items`: an invoice's lines read from its pages (`LineItemRow[]` of `@pagewise/models`).
 */
export type ResultKind = "classification" | "extraction" | "einvoice" | "line_items";

export interface DocumentResult<T = unknown> {
  kind: ResultKind;
  modelVersionId: string | null;
  modelVersion: number | null;
  data: T;
  createdAt: string;
}

/**
 * Store a stage's result for a document, replacing the previous one of that kind. Keyed by
 * (document, kind): a retried stage writes the same row again instead of adding one.
 */
export async function saveDocumentResult(
  db: Db,
  input: {
    documentId: string;
    kind: ResultKind;
    modelVersionId: string | null;
    modelVersion: number | null;
    data: unknown;
  },
): Promise<void> {
  const cipher = await documentCipher(db, input.documentId, { create: true });
  const values = {
    document_id: input.documentId,
    kind: input.kind,
    model_version_id: input.modelVersionId,
    model_version: input.modelVersion,
    data: cipher.encrypt("document_results.data", JSON.stringify(input.data)),
    created_at: nowIso(),
  };
  await db
    .insertInto("document_results")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["document_id", "kind"]).doUpdateSet({
        model_version_id: values.model_version_id,
        model_version: values.model_version,
        data: values.data,
        created_at: values.created_at,
      }),
    )
    .execute();
}

/** The latest results of each given document, by document id then kind. */
export async function getDocumentResults(
  db: Db,
  documentIds: readonly string[],
): Promise<Map<string, Partial<Record<ResultKind, DocumentResult>>>> {
  const byDocument = new Map<string, Partial<Record<ResultKind, DocumentResult>>>();
  if (documentIds.length === 0) return byDocument;
  const rows = await db
    .selectFrom("document_results")
    .selectAll()
    .where("document_id", "in", [...documentIds])
    .execute();
  const cipherOf = await documentCiphers(
    db,
    rows.map((row) => row.document_id),
  );
  for (const row of rows) {
    const kind = row.kind as ResultKind;
    const entry = byDocument.get(row.document_id) ?? {};
    entry[kind] = {
      kind,
      modelVersionId: row.model_version_id,
      modelVersion: row.model_version,
      data: JSON.parse(
        cipherOf(row.document_id).decrypt("document_results.data", row.data),
      ) as unknown,
      createdAt: row.created_at,
    };
    byDocument.set(row.document_id, entry);
  }
  return byDocument;
}

/**
 * The project's documents that the pipeline finished (`processed`) from an e-invoice's XML, by
 * id: their located fields are training labels without a review.
 */
export async function listEInvoiceDocumentIds(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("document_results")
    .innerJoin("documents", "documents.id", "document_results.document_id")
    .select("documents.id")
    .where("documents.project_id", "=", projectId)
    .where("documents.status", "=", "processed")
    .where("document_results.kind", "=", "einvoice")
    .orderBy("documents.id")
    .execute();
  return rows.map((r) => r.id);
}
