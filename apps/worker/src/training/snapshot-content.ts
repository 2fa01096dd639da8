import { createHash } from "node:crypto";
import type { LabelSchema } from "@pagewise/core";
import type { TrainingDocument } from "@pagewise/models";
import { getDatasetSnapshot } from "@pagewise/registry";
import type { BlobStore, Db } from "@pagewise/storage";
import { loadLayout } from "../document-layout";

/** What a snapshot freezes: every labeled document's bytes hash, split and labels. */
export interface SnapshotContent {
  projectId: string;
  labelSchema: LabelSchema;
  documents: {
    id: string;
    sha256: string;
    /**
     * `validation` documents grade this retraining; `holdout` ones are validation documents that
     * came with the feedback of this retraining: kept out of training and out of this gate, they
     * grade the next ones (so new, possibly wrong, labels never grade the model that learned them).
     */
    split: "train" | "validation" | "holdout";
    category: string;
    fields: { name: string; value: string; tokenIds?: string[] }[];
  }[];
}

/** Canonical content hash: the same documents, labels and label schema give the same hash. */
export function hashSnapshot(content: SnapshotContent): string {
  const canonical = JSON.stringify({
    labelSchemaVersion: content.labelSchema.version,
    documents: [...content.documents]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((d) => [d.id, d.sha256, d.split, d.category, d.fields]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

export async function readSnapshot(
  db: Db,
  blobs: BlobStore,
  snapshotId: string,
): Promise<SnapshotContent> {
  const record = await getDatasetSnapshot(db, snapshotId);
  if (!record) throw new Error(`snapshot ${snapshotId} is missing`);
  const bytes = await blobs.get(record.blobKey);
  if (!bytes) throw new Error(`snapshot ${snapshotId} content is missing`);
  return JSON.parse(new TextDecoder().decode(bytes)) as SnapshotContent;
}

/** The snapshot's documents of one split, with their layouts, as the models take them. */
export async function loadSplit(
  db: Db,
  content: SnapshotContent,
  split: "train" | "validation",
): Promise<TrainingDocument[]> {
  const docs: TrainingDocument[] = [];
  for (const d of content.documents.filter((x) => x.split === split)) {
    docs.push({
      id: d.id,
      layout: await loadLayout(db, d.id),
      category: d.category,
      fields: d.fields.map((f) => (f.tokenIds?.length ? f : { name: f.name, value: f.value })),
    });
  }
  return docs;
}
