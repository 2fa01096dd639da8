import { newId } from "@pagewise/core";
import type { Selectable } from "kysely";
import {
  type DocumentCipher,
  documentCipher,
  documentCiphers,
} from "./encryption/field-encryption";
import type { Db, ReviewsTable } from "./schema";
import { nowIso } from "./time";

/** A labeled value: what the reviewer (or an imported dataset) says a field is. */
export interface LabeledField {
  name: string;
  value: string;
  normalized: string | null;
  tokenIds: string[];
  /** True when the tokens were found by aligning the value, not chosen by a person. */
  aligned: boolean;
  /** Against the prediction shown: kept as is, changed, or added where none was predicted. */
  verdict?: "accepted" | "corrected" | "added";
}

export interface Review {
  id: string;
  projectId: string;
  documentId: string;
  actor: string;
  source: "review" | "import";
  complete: boolean;
  category: string | null;
  fields: LabeledField[];
  /** Fields the reviewer marked "not in this document": known to have no value. */
  absent: string[];
  /** What the models said before the review, with their versions. */
  previous: Record<string, unknown>;
  labelSchemaVersion: number;
  createdAt: string;
}

function toReview(row: Selectable<ReviewsTable>, cipher?: DocumentCipher): Review {
  const clear = (column: string, value: string) => cipher?.decrypt(column, value) ?? value;
  return {
    id: row.id,
    projectId: row.project_id,
    documentId: row.document_id,
    actor: row.actor,
    source: row.source as Review["source"],
    complete: row.complete === 1,
    category: row.category,
    fields: JSON.parse(clear("reviews.fields", row.fields)) as LabeledField[],
    absent: JSON.parse(row.absent) as string[],
    previous: JSON.parse(clear("reviews.previous", row.previous)) as Record<string, unknown>,
    labelSchemaVersion: row.label_schema_version,
    createdAt: row.created_at,
  };
}

/** Append a review. Reviews are never changed: a correction of a correction is a new row. */
export async function insertReview(
  db: Db,
  input: Omit<Review, "id" | "createdAt" | "absent"> & { absent?: string[] },
): Promise<Review> {
  const cipher = await documentCipher(db, input.documentId, { create: true });
  const row: Selectable<ReviewsTable> = {
    id: newId("rev"),
    project_id: input.projectId,
    document_id: input.documentId,
    actor: input.actor,
    source: input.source,
    complete: input.complete ? 1 : 0,
    category: input.category,
    fields: JSON.stringify(input.fields),
    absent: JSON.stringify(input.absent ?? []),
    previous: JSON.stringify(input.previous),
    label_schema_version: input.labelSchemaVersion,
    created_at: nowIso(),
  };
  await db
    .insertInto("reviews")
    .values({
      ...row,
      fields: cipher.encrypt("reviews.fields", row.fields),
      previous: cipher.encrypt("reviews.previous", row.previous),
    })
    .execute();
  return toReview(row);
}

export async function getLatestReview(db: Db, documentId: string): Promise<Review | null> {
  const row = await db
    .selectFrom("reviews")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toReview(row, await documentCipher(db, documentId)) : null;
}

/** Completed reviews by people (not imports) in a project, optionally after a point in time. */
export async function countCompletedReviews(
  db: Db,
  projectId: string,
  since?: string | null,
): Promise<number> {
  let q = db
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("project_id", "=", projectId)
    .where("complete", "=", 1)
    .where("source", "=", "review");
  if (since) q = q.where("created_at", ">", since);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** How many documents `listLabeledDocuments` answers, without loading their labels. */
export async function countLabeledDocuments(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .select((eb) => eb.fn.count<number>("reviews.document_id").distinct().as("n"))
    .where("reviews.project_id", "=", projectId)
    .where("reviews.complete", "=", 1)
    .where("documents.status", "=", "reviewed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The labeled documents of a project: each document's latest complete review, oldest document
 * first. These are the training and validation data.
 */
export async function listLabeledDocuments(db: Db, projectId: string): Promise<Review[]> {
  const rows = await db
    .selectFrom("reviews")
    .innerJoin("documents", "documents.id", "reviews.document_id")
    .selectAll("reviews")
    .where("reviews.project_id", "=", projectId)
    .where("reviews.complete", "=", 1)
    .where("documents.status", "=", "reviewed")
    .orderBy("reviews.created_at")
    .orderBy("reviews.id")
    .execute();
  const latestRows = new Map<string, Selectable<ReviewsTable>>();
  for (const row of rows) latestRows.set(row.document_id, row);
  const cipherOf = await documentCiphers(db, [...latestRows.keys()]);
  const latest = new Map<string, Review>();
  for (const [id, row] of latestRows) latest.set(id, toReview(row, cipherOf(id)));
  return [...latest.values()].sort((a, b) => a.documentId.localeCompare(b.documentId));
}

/** The latest complete review of each given document (absent when it has none), in one query. */
export async function getLatestCompleteReviews(
  db: Db,
  documentIds: readonly string[],
): Promise<Map<string, Review>> {
  const latest = new Map<string, Review>();
  if (documentIds.length === 0) return latest;
  const rows = await db
    .selectFrom("reviews")
    .selectAll()
    .where("document_id", "in", [...documentIds])
    .where("complete", "=", 1)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const latestRows = new Map<string, Selectable<ReviewsTable>>();
  for (const row of rows) latestRows.set(row.document_id, row);
  const cipherOf = await documentCiphers(db, [...latestRows.keys()]);
  for (const [id, row] of latestRows) latest.set(id, toReview(row, cipherOf(id)));
  return latest;
}
