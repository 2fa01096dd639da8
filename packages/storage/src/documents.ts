import {
  type DocumentStatus,
  DocumentStatusSchema,
  type ErrorCode,
  type MimeType,
  newId,
  PagewiseError,
} from "@pagewise/core";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, DocumentsTable } from "./schema";
import { nowIso } from "./time";

export interface DocumentRecord {
  id: string;
  projectId: string;
  status: DocumentStatus;
  filename: string;
  mime: MimeType | null;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
  pageCount: number | null;
  error: { code: ErrorCode; message: string } | null;
  idempotencyKey: string | null;
  pipelineRun: number;
  hasImportedLayout: boolean;
  createdAt: string;
  updatedAt: string;
  processedAt: string | null;
  category: string | null;
  minConfidence: number | null;
  auditSampled: boolean;
  importLabels: ImportLabels | null;
}

/** Labels that came with an imported document. */
export interface ImportLabels {
  category: string;
  fields: { name: string; value: string; tokenIds?: string[] }[];
}

export function toDocumentRecord(row: Selectable<DocumentsTable>): DocumentRecord {
  return {
    id: row.id,
    projectId: row.project_id,
    status: DocumentStatusSchema.parse(row.status),
    filename: row.filename,
    mime: row.mime as MimeType | null,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    blobKey: row.blob_key,
    pageCount: row.page_count,
    error: row.error_code
      ? { code: row.error_code as ErrorCode, message: row.error_message ?? "" }
      : null,
    idempotencyKey: row.idempotency_key,
    pipelineRun: row.pipeline_run,
    hasImportedLayout: row.has_imported_layout === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    processedAt: row.processed_at,
    category: row.category,
    minConfidence: row.min_confidence,
    auditSampled: row.audit_sampled === 1,
    importLabels: row.import_labels ? (JSON.parse(row.import_labels) as ImportLabels) : null,
  };
}

export interface NewDocument {
  projectId: string;
  filename: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
  idempotencyKey?: string | null;
  hasImportedLayout?: boolean;
  importLabels?: ImportLabels | null;
}

/**
 * Insert a `queued` document. With an idempotency key, the same key and the same bytes give the
 * existing document (`created: false`); the same key with other bytes is a conflict.
 */
export async function insertDocument(
  db: Kysely<Database>,
  input: NewDocument,
): Promise<{ document: DocumentRecord; created: boolean }> {
  if (input.idempotencyKey) {
    const existing = await findByIdempotencyKey(db, input.projectId, input.idempotencyKey);
    if (existing) return { document: sameBytesOrConflict(existing, input), created: false };
  }
  const now = nowIso();
  const row: Selectable<DocumentsTable> = {
    id: newId("doc"),
    project_id: input.projectId,
    status: "queued",
    filename: input.filename,
    mime: null,
    size_bytes: input.sizeBytes,
    sha256: input.sha256,
    blob_key: input.blobKey,
    page_count: null,
    error_code: null,
    error_message: null,
    idempotency_key: input.idempotencyKey ?? null,
    pipeline_run: 1,
    has_imported_layout: input.hasImportedLayout ? 1 : 0,
    created_at: now,
    updated_at: now,
    processed_at: null,
    category: null,
    min_confidence: null,
    audit_sampled: 0,
    import_labels: input.importLabels ? JSON.stringify(input.importLabels) : null,
  };
  try {
    await db.insertInto("documents").values(row).execute();
  } catch (error) {
    // A concurrent request with the same idempotency key won the race: answer with its document.
    if (input.idempotencyKey) {
      const existing = await findByIdempotencyKey(db, input.projectId, input.idempotencyKey);
      if (existing) return { document: sameBytesOrConflict(existing, input), created: false };
    }
    throw error;
  }
  return { document: toDocumentRecord(row), created: true };
}

function sameBytesOrConflict(existing: DocumentRecord, input: NewDocument): DocumentRecord {
  if (existing.sha256 !== input.sha256) {
    throw new PagewiseError(
      "conflict",
      "This Idempotency-Key was already used for a different file.",
      { documentId: existing.id },
    );
  }
  return existing;
}

async function findByIdempotencyKey(
  db: Kysely<Database>,
  projectId: string,
  key: string,
): Promise<DocumentRecord | null> {
  const row = await db
    .selectFrom("documents")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

/** A project's document; another project's id answers null (callers turn that into 404). */
export async function getDocument(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<DocumentRecord | null> {
  const row = await db
    .selectFrom("documents")
    .selectAll()
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

/** For the worker, which is handed ids by the queue and is not scoped to a project. */
export async function getDocumentById(
  db: Kysely<Database>,
  id: string,
): Promise<DocumentRecord | null> {
  const row = await db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toDocumentRecord(row) : null;
}

export interface DocumentTransition {
  /** Only move if the document is in one of these statuses (compare-and-set). */
  from: readonly DocumentStatus[];
  to: DocumentStatus;
  error?: { code: ErrorCode; message: string } | null;
  mime?: MimeType;
  pageCount?: number;
  category?: string | null;
  minConfidence?: number | null;
  auditSampled?: boolean;
}

/**
 * Move a document between statuses atomically. Returns false when it was not in `from` — so a
 * duplicated or retried job cannot, say, finalize a document twice.
 */
export async function transitionDocument(
  db: Kysely<Database>,
  id: string,
  transition: DocumentTransition,
): Promise<boolean> {
  const now = nowIso();
  const terminal = transition.to !== "queued" && transition.to !== "processing";
  const result = await db
    .updateTable("documents")
    .set({
      status: transition.to,
      updated_at: now,
      ...(transition.error !== undefined
        ? {
            error_code: transition.error?.code ?? null,
            error_message: transition.error?.message ?? null,
          }
        : {}),
      ...(transition.mime ? { mime: transition.mime } : {}),
      ...(transition.pageCount !== undefined ? { page_count: transition.pageCount } : {}),
      ...(transition.category !== undefined ? { category: transition.category } : {}),
      ...(transition.minConfidence !== undefined
        ? { min_confidence: transition.minConfidence }
        : {}),
      ...(transition.auditSampled !== undefined
        ? { audit_sampled: transition.auditSampled ? 1 : 0 }
        : {}),
      // When the pipeline finished: a later review does not move it.
      ...(terminal ? { processed_at: sql<string>`coalesce(processed_at, ${now})` } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", [...transition.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Mark activity without changing status (the reconciler treats quiet documents as stuck). */
export async function touchDocument(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable("documents").set({ updated_at: nowIso() }).where("id", "=", id).execute();
}

/**
 * Start the pipeline over for a stuck document under a new run, back in `queued`. One atomic
 * compare-and-set on the run it saw *and* a non-terminal status: a document that finished in the
 * meantime, or that another reconciler restarted, is left alone. Its stages are idempotent.
 */
export async function restartDocumentPipeline(
  db: Kysely<Database>,
  id: string,
  expectedRun: number,
): Promise<boolean> {
  const result = await db
    .updateTable("documents")
    .set((eb) => ({
      pipeline_run: eb("pipeline_run", "+", 1),
      status: "queued",
      updated_at: nowIso(),
    }))
    .where("id", "=", id)
    .where("pipeline_run", "=", expectedRun)
    .where("status", "in", ["queued", "processing"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDocument(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<DocumentRecord | null> {
  const existing = await getDocument(db, projectId, id);
  if (!existing) return null;
  await db.deleteFrom("documents").where("id", "=", id).execute();
  return existing;
}

/** How many documents still point at a blob (content-addressed blobs are shared). */
export async function countDocumentsWithBlob(
  db: Kysely<Database>,
  blobKey: string,
): Promise<number> {
  const row = await db
    .selectFrom("documents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("blob_key", "=", blobKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
