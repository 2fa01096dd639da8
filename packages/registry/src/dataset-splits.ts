import { createHash } from "node:crypto";
import type { Db } from "@pagewise/storage";

export type Split = "train" | "validation";

function unitHash(projectId: string, documentId: string): number {
  const digest = createHash("sha256").update(`${projectId}:${documentId}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

/**
 * The split of each labeled document. A document keeps the split it was first given, forever, so
 * the validation set only grows and a champion and its challenger are always scored on the same
 * documents. New documents go to validation when a hash of their id falls under the share — with
 * at least one validation document as soon as there are five labeled ones.
 */
export async function assignSplits(
  db: Db,
  projectId: string,
  documentIds: readonly string[],
  validationShare: number,
): Promise<Map<string, Assignment>> {
  const existing = await db
    .selectFrom("dataset_assignments")
    .select(["document_id", "split", "created_at"])
    .where("project_id", "=", projectId)
    .execute();
  const splits = new Map(existing.map((r) => [r.document_id, r.split as Split]));
  const since = new Map(existing.map((r) => [r.document_id, r.created_at]));
  const fresh = documentIds
    .filter((id) => !splits.has(id))
    .map((id) => ({ id, h: unitHash(projectId, id) }))
    .sort((a, b) => a.h - b.h);
  const assigned = fresh.map(({ id, h }) => ({
    id,
    split: (h < validationShare ? "validation" : "train") as Split,
  }));
  const known = documentIds.filter((id) => splits.has(id));
  const hasValidation =
    known.some((id) => splits.get(id) === "validation") ||
    assigned.some((a) => a.split === "validation");
  if (!hasValidation && documentIds.length >= 5 && assigned.length > 0)
    assigned[0]!.split = "validation";
  if (assigned.length > 0) {
    const now = new Date().toISOString();
    await db
      .insertInto("dataset_assignments")
      .values(
        assigned.map((a) => ({
          project_id: projectId,
          document_id: a.id,
          split: a.split,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["project_id", "document_id"]).doNothing())
      .execute();
    // Re-read: a concurrent assigner may have won for some documents.
    return assignSplits(db, projectId, documentIds, validationShare);
  }
  return new Map(
    documentIds.map((id) => [id, { split: splits.get(id)!, assignedAt: since.get(id)! }]),
  );
}

export interface Assignment {
  split: Split;
  /** When the document got its split: validation documents grade retrainings started later. */
  assignedAt: string;
}

export interface DatasetSnapshotRecord {
  id: string;
  projectId: string;
  contentHash: string;
  labelSchemaVersion: number;
  trainCount: number;
  validationCount: number;
  blobKey: string;
  createdAt: string;
}

export async function createDatasetSnapshot(
  db: Db,
  input: Omit<DatasetSnapshotRecord, "createdAt">,
): Promise<DatasetSnapshotRecord> {
  const createdAt = new Date().toISOString();
  await db
    .insertInto("dataset_snapshots")
    .values({
      id: input.id,
      project_id: input.projectId,
      content_hash: input.contentHash,
      label_schema_version: input.labelSchemaVersion,
      train_count: input.trainCount,
      validation_count: input.validationCount,
      blob_key: input.blobKey,
      created_at: createdAt,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  return { ...input, createdAt };
}

export async function getDatasetSnapshot(
  db: Db,
  id: string,
): Promise<DatasetSnapshotRecord | null> {
  const r = await db
    .selectFrom("dataset_snapshots")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        projectId: r.project_id,
        contentHash: r.content_hash,
        labelSchemaVersion: r.label_schema_version,
        trainCount: r.train_count,
        validationCount: r.validation_count,
        blobKey: r.blob_key,
        createdAt: r.created_at,
      }
    : null;
}
