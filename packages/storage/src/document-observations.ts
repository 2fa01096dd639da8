import { type DocumentObservation, DocumentObservationSchema } from "@pagewise/core";
import { documentCipher, documentCiphers } from "./encryption/field-encryption";
import type { Db } from "./schema";
import { nowIso } from "./time";

export interface StoredObservation {
  documentId: string;
  classifierVersionId: string | null;
  extractorVersionId: string | null;
  observation: DocumentObservation;
  createdAt: string;
}

/** Record (or replace: a retried finalize writes the same row) a live document's observation. */
export async function saveDocumentObservation(
  db: Db,
  input: Omit<StoredObservation, "createdAt"> & { projectId: string },
): Promise<void> {
  const cipher = await documentCipher(db, input.documentId, { create: true });
  const values = {
    document_id: input.documentId,
    project_id: input.projectId,
    classifier_version_id: input.classifierVersionId,
    extractor_version_id: input.extractorVersionId,
    observation: cipher.encrypt(
      "document_observations.observation",
      JSON.stringify(input.observation),
    ),
    created_at: nowIso(),
  };
  await db
    .insertInto("document_observations")
    .values(values)
    .onConflict((oc) =>
      oc.column("document_id").doUpdateSet({
        classifier_version_id: values.classifier_version_id,
        extractor_version_id: values.extractor_version_id,
        observation: values.observation,
      }),
    )
    .execute();
}

/**
 * The newest observations of a project since a point in time that the given champions served
 * (null: documents read while there was no champion of that kind), at most `limit` of them.
 */
export async function listDocumentObservations(
  db: Db,
  input: {
    projectId: string;
    since: string;
    classifierVersionId: string | null;
    extractorVersionId: string | null;
    limit: number;
  },
): Promise<StoredObservation[]> {
  const rows = await db
    .selectFrom("document_observations")
    .selectAll()
    .where("project_id", "=", input.projectId)
    .where("created_at", ">=", input.since)
    .where(
      "classifier_version_id",
      input.classifierVersionId === null ? "is" : "=",
      input.classifierVersionId,
    )
    .where(
      "extractor_version_id",
      input.extractorVersionId === null ? "is" : "=",
      input.extractorVersionId,
    )
    .orderBy("created_at", "desc")
    .limit(input.limit)
    .execute();
  const cipherOf = await documentCiphers(
    db,
    rows.map((row) => row.document_id),
  );
  return rows.map((row) => ({
    documentId: row.document_id,
    classifierVersionId: row.classifier_version_id,
    extractorVersionId: row.extractor_version_id,
    observation: DocumentObservationSchema.parse(
      JSON.parse(
        cipherOf(row.document_id).decrypt("document_observations.observation", row.observation),
      ),
    ),
    createdAt: row.created_at,
  }));
}
