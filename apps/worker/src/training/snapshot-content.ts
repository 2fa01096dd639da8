import { createHash } from "node:crypto";
import type { LabelSchema } from "@pagewise/core";
import type { TrainingDocument } from "@pagewise/models";
import { getDatasetSnapshot } from "@pagewise/registry";
import {
  type BlobStore,
  type Db,
  DocumentKeyGoneError,
  documentCipher,
  documentCiphers,
  FIELD_PREFIX,
} from "@pagewise/storage";
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
    /** Fields the reviewer marked "not in this document" (only when there are any). */
    absent?: string[];
    /**
     * Only these fields are ground truth (an e-invoice's fields located on the page); the
     * others are unknown, neither trained nor scored. Absent: every field of the category.
     */
    annotated?: string[];
  }[];
}

/** Canonical content hash: the same documents, labels and label schema give the same hash. */
export function hashSnapshot(content: SnapshotContent): string {
  const canonical = JSON.stringify({
    labelSchemaVersion: content.labelSchema.version,
    documents: [...content.documents]
      .sort((a, b) => a.id.localeCompare(b.id))
      // `absent` and `annotated` join the hash only when present: older snapshots keep theirs.
      .map((d) => [
        d.id,
        d.sha256,
        d.split,
        d.category,
        d.fields,
        ...(d.absent ? [d.absent] : []),
        ...(d.annotated ? [{ annotated: d.annotated }] : []),
      ]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

type SnapshotDocument = SnapshotContent["documents"][number];
/** As stored: a document's labels sealed with its data key (or in clear without encryption). */
type StoredSnapshotDocument =
  | SnapshotDocument
  | (Omit<SnapshotDocument, "fields" | "absent"> & { sealed: string });
const SEALED_COLUMN = "dataset_snapshots.labels";

/**
 * The snapshot blob's bytes. Each document's labels are sealed with the document's own data key
 * (the blob as a whole is encrypted too): the snapshot stays immutable, and deleting a document
 * shreds its labels in every snapshot that holds them.
 */
export async function encodeSnapshot(db: Db, content: SnapshotContent): Promise<Uint8Array> {
  const documents: StoredSnapshotDocument[] = [];
  for (const d of content.documents) {
    const { fields, absent, ...rest } = d;
    const cipher = await documentCipher(db, d.id, { create: true });
    const sealed = cipher.encrypt(SEALED_COLUMN, JSON.stringify({ fields, absent }));
    documents.push(sealed.startsWith(FIELD_PREFIX) ? { ...rest, sealed } : d);
  }
  return new TextEncoder().encode(JSON.stringify({ ...content, documents }));
}

/** A stored snapshot's content; documents deleted since (their key is gone) are left out. */
export async function decodeSnapshot(db: Db, bytes: Uint8Array): Promise<SnapshotContent> {
  const stored = JSON.parse(new TextDecoder().decode(bytes)) as Omit<
    SnapshotContent,
    "documents"
  > & {
    documents: StoredSnapshotDocument[];
  };
  const cipherOf = await documentCiphers(
    db,
    stored.documents.filter((d) => "sealed" in d).map((d) => d.id),
  );
  const documents: SnapshotDocument[] = [];
  for (const d of stored.documents) {
    if (!("sealed" in d)) {
      documents.push(d);
      continue;
    }
    const { sealed, ...rest } = d;
    try {
      const labels = JSON.parse(cipherOf(d.id).decrypt(SEALED_COLUMN, sealed)) as Pick<
        SnapshotDocument,
        "fields" | "absent"
      >;
      documents.push({
        ...rest,
        fields: labels.fields,
        ...(labels.absent ? { absent: labels.absent } : {}),
      });
    } catch (error) {
      if (!(error instanceof DocumentKeyGoneError)) throw error;
    }
  }
  return { ...stored, documents };
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
  return decodeSnapshot(db, bytes);
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
      // Without `annotated`, every field of the category is annotated, so one without a value
      // (marked absent, or left out) is a known negative.
      fields: d.fields.map((f) => (f.tokenIds?.length ? f : { name: f.name, value: f.value })),
      ...(d.annotated ? { annotatedFields: d.annotated } : {}),
    });
  }
  return docs;
}
