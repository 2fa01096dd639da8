import {
  isPagewiseError,
  type Layout,
  PagewiseError,
  SUPPORTED_MIME_TYPES,
  sniffMimeType,
} from "@pagewise/core";
import { recordQuotaRefusal } from "@pagewise/metrics";
import { jobIds } from "@pagewise/queue";
import { pinSplit } from "@pagewise/registry";
import {
  checkIdempotencyKey,
  type DocumentRecord,
  type ImportLabels,
  insertDocument,
  type NewAuditEvent,
  recordAuditEvent,
  recordEvent,
  savePageLayout,
  type UploadQuotaLimits,
  withUploadQuota,
} from "@pagewise/storage";
import type { ApiDeps } from "./context";
import type { ReceivedFile, ReceivedMultipart } from "./receive-multipart";

export interface UploadInput {
  projectId: string;
  filename: string;
  /** The file in the blob store: its key, the sha256 of its bytes and its size. */
  blob: { key: string; sha256: string; size: number };
  idempotencyKey?: string | undefined;
  /** A layout read elsewhere: its pages are not read again. */
  layout?: Layout | undefined;
  /** Ground truth of an imported labeled document. */
  labels?: ImportLabels | undefined;
  actor: string;
  /** The audit-log entry of a new document (none for a duplicate). */
  audit?: ((document: DocumentRecord) => NewAuditEvent) | undefined;
}

/**
 * Create the document of an upload whose bytes are being committed to the blob store: the row
 * that points at them and its `document.uploaded` event, in one transaction (called before the
 * bytes become visible, see `ReceivedMultipart.commit`). `created` is false for a repeated
 * Idempotency-Key with the same bytes.
 */
export async function recordUpload(
  deps: Pick<ApiDeps, "db">,
  input: UploadInput,
): Promise<{ document: DocumentRecord; created: boolean }> {
  const write = async (db: ApiDeps["db"]) => {
    const recorded = await insertDocument(db, {
      projectId: input.projectId,
      filename: input.filename,
      sizeBytes: input.blob.size,
      sha256: input.blob.sha256,
      blobKey: input.blob.key,
      idempotencyKey: input.idempotencyKey ?? null,
      hasImportedLayout: input.layout !== undefined,
      importLabels: input.labels ?? null,
    });
    if (recorded.created) {
      await recordEvent(db, {
        projectId: input.projectId,
        documentId: recorded.document.id,
        type: "document.uploaded",
        actor: input.actor,
        data: { sizeBytes: input.blob.size, importedLayout: input.layout !== undefined },
      });
    }
    return recorded;
  };
  // Under an Idempotency-Key a racing request's insert may fail and be answered from the row
  // that won, which a failed statement inside a PostgreSQL transaction could not read: those
  // keep two statements. Already in a transaction (the upload quotas'), the event joins it.
  return deps.db.isTransaction || input.idempotencyKey
    ? write(deps.db)
    : deps.db.transaction().execute(write);
}

/**
 * Start a recorded upload's pipeline once its bytes are stored. The database is the truth: if
 * Redis is down the document still exists as `queued` and the reconciler starts it later.
 * The enqueue is awaited (one Redis round trip): clients and tests rely on the job existing once
 * the 202 is answered.
 */
export async function startUpload(
  deps: Pick<ApiDeps, "db" | "producer" | "logger">,
  document: DocumentRecord,
  input: UploadInput,
): Promise<void> {
  for (const page of input.layout?.pages ?? []) {
    await savePageLayout(deps.db, document.id, page);
  }
  // A pinned split is given before the document can be trained on, so the first run sees it.
  if (input.labels?.split) {
    await pinSplit(deps.db, input.projectId, document.id, input.labels.split);
  }
  // Right after the document exists; a failure answers 500 (a retry with the same
  // Idempotency-Key finds the document), it is never dropped.
  if (input.audit) await recordAuditEvent(deps.db, input.audit(document));
  try {
    await deps.producer.enqueue(
      "document.ingest",
      { documentId: document.id, run: document.pipelineRun, projectId: document.projectId },
      { jobId: jobIds.ingest(document.id, document.pipelineRun) },
    );
  } catch (err) {
    deps.logger.warn({ err, documentId: document.id }, "enqueue failed; the reconciler will retry");
  }
}

/**
 * Refuse files that Pagewise cannot read, by their bytes (never their names): an empty file, or
 * one that is not a PDF, PNG, JPEG or TIFF, nor an XML e-invoice. Nothing is stored then, for any
 * file of the request.
 */
export function checkReadable(files: readonly ReceivedFile[]): void {
  const empty = files.filter((f) => f.size === 0).map((f) => f.filename);
  if (empty.length > 0) {
    throw new PagewiseError("empty_file", `${names(empty)} empty; nothing was stored.`, {
      files: empty,
    });
  }
  const unsupported = files.filter((f) => sniffMimeType(f.sample) === null);
  if (unsupported.length > 0) {
    const list = unsupported.map((f) => f.filename);
    throw new PagewiseError(
      "unsupported_type",
      `${names(list)} not a PDF, PNG, JPEG or TIFF file, nor an XML e-invoice (CII or UBL) ` +
        "(judged by content, not by name); " +
        "nothing was stored.",
      { files: list, supported: [...SUPPORTED_MIME_TYPES] },
    );
  }
}

const names = (list: readonly string[]) =>
  list.length === 1 ? `'${list[0]}' is` : `${list.map((n) => `'${n}'`).join(", ")} are`;

export interface CommitOptions {
  projectId: string;
  actor: string;
  /** The project's upload quotas (its settings' `quotas`): every upload path passes them. */
  quotas: UploadQuotaLimits;
  /** A file's idempotency key, if any: the same key and bytes give the existing document. */
  idempotencyKey?: ((file: ReceivedFile) => string | undefined) | undefined;
  layout?: Layout | undefined;
  labels?: ImportLabels | undefined;
  audit?: UploadInput["audit"];
}

/**
 * Turn received files that passed `checkReadable` into documents, the one way every upload takes
 * (the documents route and the consume folder): a reused idempotency key with other bytes
 * refuses all before any file is committed; so does a request that would cross one of the
 * project's quotas (`quota_exceeded`, docs/quotas.md); then each file's row is written, its blob
 * becomes visible, and a new document's pipeline starts. The caller discards `received` on an
 * error.
 */
export async function commitUploads(
  deps: Pick<ApiDeps, "db" | "producer" | "logger">,
  received: ReceivedMultipart,
  options: CommitOptions,
): Promise<{ document: DocumentRecord; created: boolean }[]> {
  const keyOf = (file: ReceivedFile) => options.idempotencyKey?.(file);
  for (const file of received.files) {
    const fileKey = keyOf(file);
    if (fileKey) await checkIdempotencyKey(deps.db, options.projectId, fileKey, file.sha256);
  }
  const recorded: { input: UploadInput; document: DocumentRecord; created: boolean }[] = [];
  // Under quotas, the count and the rows commit together (see `withUploadQuota`): a request that
  // would cross a quota is refused as a whole before any file is committed.
  const newFiles = async (db: ApiDeps["db"]) => {
    let count = 0;
    for (const file of received.files) {
      const fileKey = keyOf(file);
      if (!fileKey || !(await checkIdempotencyKey(db, options.projectId, fileKey, file.sha256))) {
        count++;
      }
    }
    return count;
  };
  try {
    await withUploadQuota(deps.db, options.projectId, options.quotas, newFiles, (db) =>
      received.commit(async (file) => {
        const input: UploadInput = {
          projectId: options.projectId,
          filename: file.filename || "upload",
          blob: { key: file.key, sha256: file.sha256, size: file.size },
          idempotencyKey: keyOf(file),
          layout: options.layout,
          labels: options.labels,
          actor: options.actor,
          audit: options.audit,
        };
        recorded.push({ input, ...(await recordUpload({ db }, input)) });
      }),
    );
  } catch (error) {
    if (isPagewiseError(error) && error.code === "quota_exceeded") {
      recordQuotaRefusal(String(error.details?.quota ?? "unknown"));
    }
    throw error;
  }
  for (const { input, document, created } of recorded) {
    if (created) await startUpload(deps, document, input);
  }
  return recorded.map(({ document, created }) => ({ document, created }));
}
