import { createHash } from "node:crypto";
import type { Database, Db } from "@pagewise/storage";
import type { Selectable } from "kysely";

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

/**
 * Put a document in the split a person chose for it (`train` or `validation`), if it has none
 * yet: users pin the documents they want to be judged on, and tests make gates reproducible.
 * A split, once given, never changes (the validation set only grows, so a champion and its
 * challenger are scored on the same documents): the split the document has is returned, and
 * `pinned` is false when that is not the one asked for.
 */
export async function pinSplit(
  db: Db,
  projectId: string,
  documentId: string,
  split: Split,
): Promise<{ split: Split; pinned: boolean }> {
  await db
    .insertInto("dataset_assignments")
    .values({
      project_id: projectId,
      document_id: documentId,
      split,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["project_id", "document_id"]).doNothing())
    .execute();
  const row = await db
    .selectFrom("dataset_assignments")
    .select("split")
    .where("project_id", "=", projectId)
    .where("document_id", "=", documentId)
    .executeTakeFirstOrThrow();
  return { split: row.split as Split, pinned: row.split === split };
}

/** The split a document has, or null before its first training run (or its pin). */
export async function getSplit(
  db: Db,
  projectId: string,
  documentId: string,
): Promise<Split | null> {
  const row = await db
    .selectFrom("dataset_assignments")
    .select("split")
    .where("project_id", "=", projectId)
    .where("document_id", "=", documentId)
    .executeTakeFirst();
  return (row?.split as Split | undefined) ?? null;
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
  return toSnapshotRecord(r);
}

/** The project's newest dataset snapshot (its validation split is the project's validation set). */
export async function getLatestDatasetSnapshot(
  db: Db,
  projectId: string,
): Promise<DatasetSnapshotRecord | null> {
  const r = await db
    .selectFrom("dataset_snapshots")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return toSnapshotRecord(r);
}

function toSnapshotRecord(
  r: Selectable<Database["dataset_snapshots"]> | undefined,
): DatasetSnapshotRecord | null {
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

/**
 * The newest labeled documents of one split (at most `limit`): the validation documents are what
 * a champion's drift reference is built from.
 */
export async function listSplitDocuments(
  db: Db,
  projectId: string,
  split: Split,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("dataset_assignments")
    .innerJoin("documents", "documents.id", "dataset_assignments.document_id")
    .select("dataset_assignments.document_id")
    .where("dataset_assignments.project_id", "=", projectId)
    .where("dataset_assignments.split", "=", split)
    .where("documents.status", "=", "reviewed")
    .orderBy("dataset_assignments.created_at", "desc")
    .orderBy("dataset_assignments.document_id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.document_id);
}
