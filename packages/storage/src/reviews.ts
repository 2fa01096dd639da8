import { newId } from "@pagewise/core";
import type { Selectable } from "kysely";
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
  /** What the models said before the review, with their versions. */
  previous: Record<string, unknown>;
  labelSchemaVersion: number;
  createdAt: string;
}

function toReview(row: Selectable<ReviewsTable>): Review {
  return {
    id: row.id,
    projectId: row.project_id,
    documentId: row.document_id,
    actor: row.actor,
    source: row.source as Review["source"],
    complete: row.complete === 1,
    category: row.category,
    fields: JSON.parse(row.fields) as LabeledField[],
    previous: JSON.parse(row.previous) as Record<string, unknown>,
    labelSchemaVersion: row.label_schema_version,
    createdAt: row.created_at,
  };
}

/** Append a review. Reviews are never changed: a correction of a correction is a new row. */
export async function insertReview(
  db: Db,
  input: Omit<Review, "id" | "createdAt">,
): Promise<Review> {
  const row: Selectable<ReviewsTable> = {
    id: newId("rev"),
    project_id: input.projectId,
    document_id: input.documentId,
    actor: input.actor,
    source: input.source,
    complete: input.complete ? 1 : 0,
    category: input.category,
    fields: JSON.stringify(input.fields),
    previous: JSON.stringify(input.previous),
    label_schema_version: input.labelSchemaVersion,
    created_at: nowIso(),
  };
  await db.insertInto("reviews").values(row).execute();
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
  return row ? toReview(row) : null;
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
  const latest = new Map<string, Review>();
  for (const row of rows) latest.set(row.document_id, toReview(row));
  return [...latest.values()].sort((a, b) => a.documentId.localeCompare(b.documentId));
}
