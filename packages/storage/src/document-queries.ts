import type { DocumentStatus } from "@pagewise/core";
import type { Kysely } from "kysely";
import { type DocumentRecord, toDocumentRecord } from "./documents";
import type { Database } from "./schema";

export interface DocumentListQuery {
  status?: DocumentStatus | undefined;
  category?: string | undefined;
  /** Case-insensitive substring of the filename. */
  filename?: string | undefined;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | undefined;
}

function encodeCursor(doc: DocumentRecord): string {
  return Buffer.from(`${doc.createdAt}|${doc.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  return createdAt && id ? { createdAt, id } : null;
}

/** Newest first, keyset-paginated on (created_at, id) so pages stay stable while uploads arrive. */
export async function listDocuments(
  db: Kysely<Database>,
  projectId: string,
  query: DocumentListQuery,
): Promise<{ items: DocumentRecord[]; nextCursor: string | null }> {
  let q = db.selectFrom("documents").selectAll().where("project_id", "=", projectId);
  if (query.status) q = q.where("status", "=", query.status);
  if (query.category) q = q.where("category", "=", query.category);
  if (query.filename) {
    const escaped = query.filename.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where((eb) => eb(eb.fn("lower", ["filename"]), "like", eb.val(`%${escaped}%`)));
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("created_at", "<", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(toDocumentRecord);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

export async function countDocumentsByStatus(
  db: Kysely<Database>,
  projectId: string,
): Promise<Partial<Record<DocumentStatus, number>>> {
  const rows = await db
    .selectFrom("documents")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("project_id", "=", projectId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Documents in one of `statuses` that nothing has touched since `updatedBefore`. */
export async function findStaleDocuments(
  db: Kysely<Database>,
  query: { statuses: readonly DocumentStatus[]; updatedBefore: string; limit: number },
): Promise<DocumentRecord[]> {
  const rows = await db
    .selectFrom("documents")
    .selectAll()
    .where("status", "in", [...query.statuses])
    .where("updated_at", "<", query.updatedBefore)
    .orderBy("updated_at")
    .limit(query.limit)
    .execute();
  return rows.map(toDocumentRecord);
}

/**
 * The review queue: documents that need review, lowest confidence first (no extraction at all
 * counts as lowest), plus the confidently processed ones sampled in for audit.
 */
export async function listReviewQueue(
  db: Kysely<Database>,
  projectId: string,
  query: { limit: number; offset: number },
): Promise<{ items: DocumentRecord[]; total: number }> {
  const base = db
    .selectFrom("documents")
    .where("project_id", "=", projectId)
    .where((eb) =>
      eb.or([
        eb("status", "=", "needs_review"),
        eb.and([eb("status", "=", "processed"), eb("audit_sampled", "=", 1)]),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy((eb) => eb.fn.coalesce("min_confidence", eb.val(-1)))
      .orderBy("created_at")
      .orderBy("id")
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toDocumentRecord), total: Number(count.n) };
}
