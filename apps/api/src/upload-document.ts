import { createHash } from "node:crypto";
import type { Layout } from "@pagewise/core";
import { jobIds } from "@pagewise/queue";
import {
  type DocumentRecord,
  type ImportLabels,
  insertDocument,
  recordEvent,
  savePageLayout,
} from "@pagewise/storage";
import type { ApiDeps } from "./context";

export interface UploadInput {
  projectId: string;
  filename: string;
  bytes: Uint8Array;
  idempotencyKey?: string | undefined;
  /** A layout read elsewhere: its pages are not read again. */
  layout?: Layout | undefined;
  /** Ground truth of an imported labeled document. */
  labels?: ImportLabels | undefined;
  actor: string;
}

/**
 * Store the bytes, create the document and start its pipeline. The database is the truth: if
 * Redis is down the document still exists as `queued` and the reconciler starts it later.
 */
export async function uploadDocument(
  deps: Pick<ApiDeps, "db" | "blobs" | "producer" | "logger">,
  input: UploadInput,
): Promise<{ document: DocumentRecord; created: boolean }> {
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const { key } = await deps.blobs.put(input.bytes);
  const { document, created } = await insertDocument(deps.db, {
    projectId: input.projectId,
    filename: input.filename,
    sizeBytes: input.bytes.byteLength,
    sha256,
    blobKey: key,
    idempotencyKey: input.idempotencyKey ?? null,
    hasImportedLayout: input.layout !== undefined,
    importLabels: input.labels ?? null,
  });
  if (!created) return { document, created };

  for (const page of input.layout?.pages ?? []) {
    await savePageLayout(deps.db, document.id, page);
  }
  await recordEvent(deps.db, {
    projectId: input.projectId,
    documentId: document.id,
    type: "document.uploaded",
    actor: input.actor,
    data: { sizeBytes: document.sizeBytes, importedLayout: input.layout !== undefined },
  });
  try {
    await deps.producer.enqueue(
      "document.ingest",
      { documentId: document.id, run: document.pipelineRun },
      { jobId: jobIds.ingest(document.id, document.pipelineRun) },
    );
  } catch (err) {
    deps.logger.warn({ err, documentId: document.id }, "enqueue failed; the reconciler will retry");
  }
  return { document, created };
}
