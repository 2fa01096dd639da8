import { type DocumentStatus, PagewiseError } from "@pagewise/core";
import {
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SelectQueryBuilder,
  sql,
} from "kysely";
import { type DocumentRecord, toDocumentRecords } from "./documents";
import { encodeCursor, requireCursor } from "./keyset-cursor";
import { escapeLike, likeEscaped } from "./like-pattern";
import type { Database, DocumentsTable } from "./schema";
import { searchMode } from "./search/search-key";
import {
  fts5Query,
  hashTerm,
  mapQueryWords,
  type QueryWord,
  queryWords,
  tsqueryLiteral,
} from "./search/search-terms";
import { isSqlite } from "./sql-dialect";

/** Orders of the document list: a key, `-` first for descending; `relevance` needs a search. */
export const DOCUMENT_SORTS = [
  "-created",
  "created",
  "filename",
  "-filename",
  "status",
  "-status",
  "relevance",
] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

/** Which documents a list or an export is about; every filter is optional. */
export interface DocumentFilters {
  status?: DocumentStatus | undefined;
  category?: string | undefined;
  /** Case-insensitive substring of the filename. */
  filename?: string | undefined;
  /** Created at or after this ISO-8601 instant. */
  from?: string | undefined;
  /** Created before this ISO-8601 instant. */
  to?: string | undefined;
}

/** The filters as a WHERE clause over `documents` (the project is the caller's). */
export function whereDocumentFilters<O>(
  q: SelectQueryBuilder<Database, "documents", O>,
  filters: DocumentFilters,
): SelectQueryBuilder<Database, "documents", O> {
  let out = q;
  if (filters.status) out = out.where("status", "=", filters.status);
  if (filters.category) out = out.where("category", "=", filters.category);
  if (filters.filename) {
    // `%`, `_` and `\` in the search are the characters themselves, not wildcards.
    const pattern = `%${escapeLike(filters.filename.toLowerCase())}%`;
    out = out.where((eb) => likeEscaped(eb.fn("lower", ["filename"]), pattern));
  }
  // Timestamps are ISO-8601 UTC text with milliseconds: they compare as strings.
  if (filters.from) out = out.where("created_at", ">=", filters.from);
  if (filters.to) out = out.where("created_at", "<", filters.to);
  return out;
}

/** How many documents of the project the filters select. */
export async function countDocuments(
  db: Kysely<Database>,
  projectId: string,
  filters: DocumentFilters,
): Promise<number> {
  const q = db
    .selectFrom("documents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("project_id", "=", projectId);
  return Number((await whereDocumentFilters(q, filters).executeTakeFirstOrThrow()).n);
}

export interface DocumentListQuery extends DocumentFilters {
  /** Full-text search: documents holding every word (text, field values, file name). */
  q?: string | undefined;
  /** Default `relevance` with `q`, else `-created` (newest first). */
  sort?: DocumentSort | undefined;
  limit: number;
  /** Opaque cursor from a previous page (of the same sort). */
  cursor?: string | undefined;
}

export interface DocumentList {
  items: DocumentRecord[];
  nextCursor: string | null;
  /** With `q`: each item's relevance (higher is better) by document id. */
  scores: Map<string, number>;
}

const SORT_COLUMNS = { created: "created_at", filename: "filename", status: "status" } as const;

/**
 * A project's documents, filtered, optionally matched by a full-text search, keyset-paginated on
 * (sort key, id) so that pages stay stable while uploads arrive. A search with no word in it
 * (only punctuation) is refused with `validation_failed`.
 */
export async function listDocuments(
  db: Kysely<Database>,
  projectId: string,
  query: DocumentListQuery,
): Promise<DocumentList> {
  const { statement, sort, search } = await documentListSql(db, projectId, query);
  const { rows } = await statement.execute(db);
  const page = rows.slice(0, query.limit);
  const items = await toDocumentRecords(
    db,
    page.map(({ score: _score, ...row }) => row as Selectable<DocumentsTable>),
  );
  const scores = new Map(page.map((row) => [row.id, Number(row.score ?? 0)]));
  const last = page.at(-1);
  const lastKey =
    sort === "relevance"
      ? last?.score
      : last?.[SORT_COLUMNS[sort.replace("-", "") as keyof typeof SORT_COLUMNS]];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(String(lastKey), last.id) : null,
    scores: search ? scores : new Map(),
  };
}

/** The list's page query (`limit + 1` rows), its order and its search terms if any. */
export async function documentListSql(
  db: Kysely<Database>,
  projectId: string,
  query: DocumentListQuery,
) {
  const sqlite = isSqlite(db);
  const search = query.q !== undefined ? await searchCondition(db, query.q) : null;
  const sort = query.sort ?? (search ? "relevance" : "-created");
  if (sort === "relevance" && !search) {
    throw new PagewiseError("validation_failed", "Sorting by relevance needs a search (`q`).");
  }
  const desc = sort.startsWith("-") || sort === "relevance";
  const conditions: RawBuilder<unknown>[] = [sql`d.project_id = ${projectId}`];
  if (query.status) conditions.push(sql`d.status = ${query.status}`);
  if (query.category) conditions.push(sql`d.category = ${query.category}`);
  if (query.filename) {
    // `%`, `_` and `\` in the search are the characters themselves, not wildcards.
    const pattern = `%${escapeLike(query.filename.toLowerCase())}%`;
    conditions.push(likeEscaped(sql`lower(d.filename)`, pattern));
  }
  // Timestamps are ISO-8601 UTC text with milliseconds: they compare as strings.
  if (query.from) conditions.push(sql`d.created_at >= ${query.from}`);
  if (query.to) conditions.push(sql`d.created_at < ${query.to}`);
  let from = sql`documents d`;
  let score: RawBuilder<unknown> = sql`null`;
  if (search) {
    conditions.push(sql`e.project_id = ${projectId}`, sql`e.hashed = ${search.hashed ? 1 : 0}`);
    if (sqlite) {
      from = sql`search_terms join search_entries e on e.id = search_terms.rowid join documents d on d.id = e.document_id`;
      conditions.push(sql`search_terms match ${fts5Query(search.words)}`);
      // bm25 is lower for better matches.
      score = sql`(-bm25(search_terms))`;
    } else {
      const tsquery = tsqueryLiteral(search.words);
      from = sql`search_entries e join documents d on d.id = e.document_id`;
      conditions.push(sql`e.terms @@ cast(${tsquery} as tsquery)`);
      score = sql`ts_rank(e.terms, cast(${tsquery} as tsquery))`;
    }
  }
  const key =
    sort === "relevance"
      ? score
      : sql.ref(`d.${SORT_COLUMNS[sort.replace("-", "") as keyof typeof SORT_COLUMNS]}`);
  if (query.cursor) {
    const after = requireCursor(query.cursor);
    let at: unknown = after.key;
    if (sort === "relevance") {
      at = Number(after.key);
      if (!Number.isFinite(at)) {
        throw new PagewiseError("validation_failed", "The cursor is not one of ours.");
      }
      if (!sqlite) at = sql`cast(${at} as real)`;
    }
    const past = sql.raw(desc ? "<" : ">");
    // A row value for a column key: both databases read it as one range of the index on
    // (project, key, id), where the equivalent `or` makes SQLite walk from the first page.
    conditions.push(
      sort === "relevance"
        ? sql`(${key} ${past} ${at} or (${key} = ${at} and d.id ${past} ${after.id}))`
        : sql`(${key}, d.id) ${past} (${at}, ${after.id})`,
    );
  }
  const direction = sql.raw(desc ? "desc" : "asc");
  const statement = sql<Selectable<DocumentsTable> & { score: number | null }>`
    select d.*, ${score} as score from ${from}
    where ${sql.join(conditions, sql` and `)}
    order by ${key} ${direction}, d.id ${direction}
    limit ${query.limit + 1}`;
  return { statement, sort, search };
}

/** The terms to match and their form (hashed with encryption on), or 400 for a wordless search. */
async function searchCondition(
  db: Kysely<Database>,
  q: string,
): Promise<{ words: QueryWord[]; hashed: boolean }> {
  const clear = queryWords(q);
  if (clear.length === 0) {
    throw new PagewiseError(
      "validation_failed",
      "The search has no word in it: give at least one letter or digit.",
    );
  }
  const mode = await searchMode(db);
  return mode.hashed
    ? { words: mapQueryWords(clear, (t) => hashTerm(mode.key, t)), hashed: true }
    : { words: clear, hashed: false };
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
  return toDocumentRecords(db, rows);
}

/**
 * Which documents are in the review queue, with literals and written exactly as the partial
 * index `documents_review_queue_keyset` (migration 0014) is: SQLite uses a partial index only
 * for a query whose condition matches its own, and a bound parameter never does.
 */
const IN_REVIEW_QUEUE = sql.raw(
  "(status = 'needs_review' or (status = 'processed' and audit_sampled = 1))",
);
/** The queue's order key before (created_at, id): no extraction at all counts as lowest. */
const QUEUE_CONFIDENCE = sql.raw("coalesce(min_confidence, -1)");

export interface ReviewQueueQuery {
  limit: number;
  /** Opaque cursor from the previous page (keyset: the same cost at any depth). */
  cursor?: string | undefined;
  /** Deprecated: skip this many (reads and drops them); ignored with a cursor. */
  offset?: number | undefined;
}

/**
 * The review queue: documents that need review, lowest confidence first (no extraction at all
 * counts as lowest), plus the confidently processed ones sampled in for audit. Keyset-paged on
 * (confidence, created_at, id) over the queue's own partial index: a page reads `limit + 1`
 * index entries, and the count and the oldest entry read only the queue's entries.
 */
export async function listReviewQueue(
  db: Kysely<Database>,
  projectId: string,
  query: ReviewQueueQuery,
): Promise<{
  items: DocumentRecord[];
  total: number;
  oldestAt: string | null;
  nextCursor: string | null;
}> {
  const [{ rows }, { rows: counts }] = await Promise.all([
    reviewQueuePageSql(projectId, query).execute(db),
    reviewQueueCountSql(projectId).execute(db),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const count = counts[0];
  // The oldest waiting document says how far behind review is, whatever the queue's order.
  return {
    items: await toDocumentRecords(
      db,
      page.map(({ queue_confidence: _c, ...row }) => row as Selectable<DocumentsTable>),
    ),
    total: Number(count?.n ?? 0),
    oldestAt: count?.oldest ?? null,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(JSON.stringify([Number(last.queue_confidence), last.created_at]), last.id)
        : null,
  };
}

/** One page of the queue (`limit + 1` rows, to know whether another follows). */
export function reviewQueuePageSql(projectId: string, query: ReviewQueueQuery) {
  const conditions: RawBuilder<unknown>[] = [sql`project_id = ${projectId}`, IN_REVIEW_QUEUE];
  if (query.cursor) {
    const after = requireCursor(query.cursor);
    const [confidence, createdAt] = queueKey(after.key);
    conditions.push(
      sql`(${QUEUE_CONFIDENCE}, created_at, id) > (${confidence}, ${createdAt}, ${after.id})`,
    );
  }
  const offset = query.cursor ? 0 : (query.offset ?? 0);
  return sql<Selectable<DocumentsTable> & { queue_confidence: number }>`
    select *, ${QUEUE_CONFIDENCE} as queue_confidence from documents
    where ${sql.join(conditions, sql` and `)}
    order by ${QUEUE_CONFIDENCE}, created_at, id
    limit ${query.limit + 1} offset ${offset}`;
}

/** The queue's length and its oldest entry: read from the queue's own index only. */
export function reviewQueueCountSql(projectId: string) {
  return sql<{ n: number | string; oldest: string | null }>`
    select count(*) as n, min(created_at) as oldest from documents
    where project_id = ${projectId} and ${IN_REVIEW_QUEUE}`;
}

/** The (confidence, created_at) of a review-queue cursor, or 400 for one that is not ours. */
function queueKey(key: string): [number, string] {
  try {
    const parsed: unknown = JSON.parse(key);
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "number" &&
      typeof parsed[1] === "string"
    ) {
      return [parsed[0], parsed[1]];
    }
  } catch {}
  throw new PagewiseError("validation_failed", "The cursor is not one of ours.");
}
