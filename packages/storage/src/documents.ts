import {
  type DocumentStatus,
  DocumentStatusSchema,
  type ErrorCode,
  type MimeType,
  newId,
  PagewiseError,
  type ReviewReason,
  ReviewReasonsSchema,
} from "@pagewise/core";
import { type Kysely, type Selectable, sql } from "kysely";
import { type NewAuditEvent, recordAuditEvent } from "./audit-events";
import {
  createDocumentKey,
  deleteDocumentKey,
  documentCiphers,
  FIELD_PREFIX,
} from "./encryption/field-encryption";
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
  /** Why the document waits for a person; empty when it does not (or was not finished yet). */
  reviewReasons: ReviewReason[];
}

/** Labels that came with an imported document. */
export interface ImportLabels {
  category: string;
  fields: { name: string; value: string; tokenIds?: string[] }[];
  /** The dataset split the importer pinned the document to (else it gets a random one). */
  split?: "train" | "validation";
}

/** Rows to records, decrypting imported labels (one key query for the rows that have them). */
export async function toDocumentRecords(
  db: Kysely<Database>,
  rows: Selectable<DocumentsTable>[],
): Promise<DocumentRecord[]> {
  const encrypted = rows.filter((row) => row.import_labels?.startsWith(FIELD_PREFIX));
  if (encrypted.length === 0) return rows.map(toDocumentRecord);
  const cipherOf = await documentCiphers(
    db,
    encrypted.map((row) => row.id),
  );
  return rows.map((row) =>
    toDocumentRecord(
      row.import_labels
        ? {
            ...row,
            import_labels: cipherOf(row.id).decrypt("documents.import_labels", row.import_labels),
          }
        : row,
    ),
  );
}

async function toOneRecord(
  db: Kysely<Database>,
  row: Selectable<DocumentsTable> | undefined,
): Promise<DocumentRecord | null> {
  return row ? ((await toDocumentRecords(db, [row]))[0] ?? null) : null;
}

function toDocumentRecord(row: Selectable<DocumentsTable>): DocumentRecord {
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
    reviewReasons: parseReviewReasons(row.review_reasons),
  };
}

function parseReviewReasons(json: string | null): ReviewReason[] {
  if (!json) return [];
  const parsed = ReviewReasonsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
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
  const id = newId("doc");
  // The document's data key comes first: it encrypts the imported labels of the row.
  const cipher = await createDocumentKey(db, id);
  const row: Selectable<DocumentsTable> = {
    id,
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
    import_labels: input.importLabels
      ? cipher.encrypt("documents.import_labels", JSON.stringify(input.importLabels))
      : null,
    review_reasons: null,
  };
  try {
    await db.insertInto("documents").values(row).execute();
  } catch (error) {
    await deleteDocumentKey(db, id).catch(() => {});
    // A concurrent request with the same idempotency key won the race: answer with its document.
    if (input.idempotencyKey) {
      const existing = await findByIdempotencyKey(db, input.projectId, input.idempotencyKey);
      if (existing) return { document: sameBytesOrConflict(existing, input), created: false };
    }
    throw error;
  }
  return {
    document: toDocumentRecord({
      ...row,
      import_labels: input.importLabels ? JSON.stringify(input.importLabels) : null,
    }),
    created: true,
  };
}

/**
 * What an upload under an idempotency key would answer, checked before any byte is stored: the
 * existing document for the same bytes, null for an unused key, and a `conflict` error for other
 * bytes (so a refused file is never written to the blob store). `insertDocument` checks again.
 */
export async function checkIdempotencyKey(
  db: Kysely<Database>,
  projectId: string,
  key: string,
  sha256: string,
): Promise<DocumentRecord | null> {
  const existing = await findByIdempotencyKey(db, projectId, key);
  return existing ? sameBytesOrConflict(existing, { sha256 }) : null;
}

function sameBytesOrConflict(
  existing: DocumentRecord,
  input: Pick<NewDocument, "sha256">,
): DocumentRecord {
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
  return toOneRecord(db, row);
}

/**
 * The oldest of a project's documents with these bytes (sha256 of the content), or null: what
 * the consume folder asks before it ingests a file, so the same file is ingested once.
 */
export async function findDocumentBySha256(
  db: Kysely<Database>,
  projectId: string,
  sha256: string,
): Promise<DocumentRecord | null> {
  const row = await db
    .selectFrom("documents")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("sha256", "=", sha256)
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return toOneRecord(db, row);
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
  return toOneRecord(db, row);
}

/** For the worker, which is handed ids by the queue and is not scoped to a project. */
export async function getDocumentById(
  db: Kysely<Database>,
  id: string,
): Promise<DocumentRecord | null> {
  const row = await db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
  return toOneRecord(db, row);
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
  reviewReasons?: readonly ReviewReason[];
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
      ...(transition.reviewReasons !== undefined
        ? { review_reasons: JSON.stringify(transition.reviewReasons) }
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

/**
 * Delete a document and every row that belongs only to it: pages (its stored layout), model
 * results, reviews, its dataset split and its own audit events, in one transaction. Returns the
 * blob keys it pointed at (original and page images); the caller releases them with
 * `releaseBlob`, which keeps any blob another row still uses. Dataset snapshots and model
 * artifacts stay: they are immutable lineage of the versions trained on them.
 */
export async function deleteDocument(
  db: Kysely<Database>,
  projectId: string,
  id: string,
  options: {
    /** The audit-log entry of this deletion, written in the same transaction. */
    audit?: (document: DocumentRecord) => NewAuditEvent;
  } = {},
): Promise<{ document: DocumentRecord; blobKeys: string[] } | null> {
  return db.transaction().execute(async (trx) => {
    // A write first: on SQLite it takes the write lock at once, so the transaction cannot fail
    // to upgrade from reading when another process writes meanwhile. Events have no foreign key
    // (the project's trail outlives documents), so the document's own go explicitly.
    await trx
      .deleteFrom("events")
      .where("document_id", "=", id)
      .where("project_id", "=", projectId)
      .execute();
    const row = await trx
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", id)
      .where("project_id", "=", projectId)
      .executeTakeFirst();
    if (!row) return null;
    // RETURNING gives the image keys of exactly the rows deleted, including one a render job
    // set a moment ago; a render that comes later finds no page and releases its own image.
    const pages = await trx
      .deleteFrom("pages")
      .where("document_id", "=", id)
      .returning("image_key")
      .execute();
    const document = (await toDocumentRecords(trx, [row]))[0] as DocumentRecord;
    // Results, reviews and the dataset split go by ON DELETE CASCADE; the data key goes too, so
    // whatever copy of the document's encrypted values is left can no longer be read.
    await trx.deleteFrom("documents").where("id", "=", id).execute();
    await deleteDocumentKey(trx, id);
    if (options.audit) await recordAuditEvent(trx, options.audit(document));
    const images = pages.flatMap((p) => (p.image_key ? [p.image_key] : []));
    return { document, blobKeys: [...new Set([row.blob_key, ...images])] };
  });
}
