import type { Db } from "./schema";
import { nowIso } from "./time";

export type ResultKind = "classification" | "extraction";

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
  const values = {
    document_id: input.documentId,
    kind: input.kind,
    model_version_id: input.modelVersionId,
    model_version: input.modelVersion,
    data: JSON.stringify(input.data),
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
  for (const row of rows) {
    const kind = row.kind as ResultKind;
    const entry = byDocument.get(row.document_id) ?? {};
    entry[kind] = {
      kind,
      modelVersionId: row.model_version_id,
      modelVersion: row.model_version,
      data: JSON.parse(row.data) as unknown,
      createdAt: row.created_at,
    };
    byDocument.set(row.document_id, entry);
  }
  return byDocument;
}
