import { Counter } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const orphanBlobs = new Counter({
  name: "pagewise_orphan_blobs_removed_total",
  help: "Blobs the orphan sweep deleted because no row pointed at them.",
  registers: [registry],
});

const orphanBytes = new Counter({
  name: "pagewise_orphan_blob_bytes_removed_total",
  help: "Bytes of the blobs the orphan sweep deleted.",
  registers: [registry],
});

const expiredDocuments = new Counter({
  name: "pagewise_documents_expired_total",
  help: "Documents the retention job deleted (older than their project's retentionDays), by project name.",
  labelNames: ["project"] as const,
  registers: [registry],
});

/** One orphan sweep finished. */
export function recordBlobSweep(result: { removed: number; removedBytes: number }): void {
  if (!metricsEnabled()) return;
  orphanBlobs.inc(result.removed);
  orphanBytes.inc(result.removedBytes);
}

/** The retention job deleted `count` documents of a project. */
export function recordDocumentsExpired(project: string, count: number): void {
  if (metricsEnabled() && count > 0) expiredDocuments.inc({ project }, count);
}
