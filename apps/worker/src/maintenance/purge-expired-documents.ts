import { recordDocumentsExpired } from "@pagewise/metrics";
import {
  listExpiredDocumentIds,
  listProjects,
  removeDocument,
  scrubDeletedRows,
} from "@pagewise/storage";
import type { Logger } from "pino";
import type { WorkerDeps } from "../deps";
import type { JobHandler } from "../job-registry";

const DAY_MS = 24 * 3_600_000;
const BATCH = 200;

/** Who the project's trail names for a deletion by the retention job. */
export const RETENTION_ACTOR = "retention";

/**
 * `system.retention`: every project with `retentionDays` loses its documents uploaded longer ago
 * than that — through `removeDocument`, exactly like `DELETE …/documents/{id}` (rows, original,
 * page images unless shared, a `document.deleted` line with reason `retention`).
 */
export const purgeExpiredDocumentsJob: JobHandler<"system.retention"> = (_payload, { deps, log }) =>
  purgeExpiredDocuments(deps, log);

export async function purgeExpiredDocuments(
  deps: Pick<WorkerDeps, "db" | "blobs">,
  log: Logger,
  now: number = Date.now(),
): Promise<{ documents: number; blobsDeleted: number }> {
  let documents = 0;
  let blobsDeleted = 0;
  for (const project of await listProjects(deps.db)) {
    const days = project.settings.retentionDays;
    if (days === null) continue;
    const createdBefore = new Date(now - days * DAY_MS).toISOString();
    let purged = 0;
    let blobs = 0;
    for (;;) {
      const ids = await listExpiredDocumentIds(deps.db, project.id, createdBefore, BATCH);
      for (const documentId of ids) {
        const removed = await removeDocument(deps, {
          projectId: project.id,
          documentId,
          actor: RETENTION_ACTOR,
          reason: "retention",
          // The project's audit log says the platform deleted it, and by which setting.
          audit: (doc) => ({
            projectId: project.id,
            actor: { kind: "system", id: RETENTION_ACTOR, name: "retention" },
            action: "document.deleted",
            target: { type: "document", id: doc.id },
            details: { reason: "retention", retentionDays: days, createdAt: doc.createdAt },
          }),
        });
        if (!removed) continue; // deleted by someone else meanwhile
        purged++;
        blobs += removed.blobsDeleted;
        if (removed.eventError) {
          log.warn({ err: removed.eventError.message, documentId }, "deletion event not recorded");
        }
      }
      if (ids.length < BATCH) break;
    }
    recordDocumentsExpired(project.name, purged);
    if (purged > 0) {
      log.info(
        { projectId: project.id, retentionDays: days, documents: purged, blobsDeleted: blobs },
        "expired documents deleted",
      );
    }
    documents += purged;
    blobsDeleted += blobs;
  }
  if (documents > 0) await scrubDeletedRows(deps.db);
  return { documents, blobsDeleted };
}
