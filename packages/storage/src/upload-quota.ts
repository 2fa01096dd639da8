import { PagewiseError, type QuotaSettings } from "@pagewise/core";
import { sql } from "kysely";
import type { Db } from "./schema";

/** Quotas count what was uploaded in the last 24 hours (a rolling window, not calendar days). */
export const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The quotas an upload is judged by. */
export type UploadQuotaLimits = Pick<QuotaSettings, "documentsPerDay" | "pagesPerDay">;

/** What an upload refused by a quota is told (the `details` of its `quota_exceeded` error). */
export interface QuotaRefusal {
  quota: "documentsPerDay" | "pagesPerDay";
  limit: number;
  /** Documents (or pages) counted in the window now. */
  used: number;
  /** New documents in the refused request. */
  requested: number;
  /** When enough of the window's uploads leave it for this request to pass (the Retry-After). */
  retryAfterSeconds: number;
}

export function hasUploadQuota(limits: UploadQuotaLimits): boolean {
  return limits.documentsPerDay !== null || limits.pagesPerDay !== null;
}

const secondsUntil = (createdAt: string, now: number) =>
  Math.max(1, Math.ceil((Date.parse(createdAt) + QUOTA_WINDOW_MS - now) / 1000));

/**
 * Refuse (`quota_exceeded`) `requested` new documents that would take the project past a quota:
 * its documents uploaded in the last 24 hours plus these over `documentsPerDay`, or the pages of
 * those documents (counted once read) at `pagesPerDay` already. Reads only the window's rows of
 * the project (index `documents_project_created`). No lock: `withUploadQuota` holds one.
 */
export async function checkUploadQuota(
  db: Db,
  projectId: string,
  limits: UploadQuotaLimits,
  requested: number,
  now: number = Date.now(),
): Promise<void> {
  if (!hasUploadQuota(limits) || requested === 0) return;
  const since = new Date(now - QUOTA_WINDOW_MS).toISOString();
  const inWindow = db
    .selectFrom("documents")
    .where("project_id", "=", projectId)
    .where("created_at", ">", since);
  const usage = await inWindow
    .select([
      sql<number>`count(*)`.as("documents"),
      sql<number | null>`sum(page_count)`.as("pages"),
    ])
    .executeTakeFirstOrThrow();
  const documents = Number(usage.documents);
  const pages = Number(usage.pages ?? 0);

  const docLimit = limits.documentsPerDay;
  if (docLimit !== null && documents + requested > docLimit) {
    // The request passes once this many of the window's documents (the oldest first) left it;
    // a request larger than the quota itself waits for all of them (and must be split).
    const leaving = Math.min(documents + requested - docLimit, documents);
    const oldest =
      leaving === 0
        ? undefined
        : await inWindow
            .select("created_at")
            .orderBy("created_at")
            .offset(leaving - 1)
            .limit(1)
            .executeTakeFirst();
    refuse(
      {
        quota: "documentsPerDay",
        limit: docLimit,
        used: documents,
        requested,
        retryAfterSeconds: oldest ? secondsUntil(oldest.created_at, now) : QUOTA_WINDOW_MS / 1000,
      },
      requested > docLimit
        ? `This request has ${requested} files, more than the project's quota of ${docLimit} documents per 24 hours: send at most ${docLimit} at a time.`
        : `The project's quota of ${docLimit} documents per 24 hours would be exceeded (${documents} uploaded in the last 24 hours, ${requested} in this request).`,
    );
  }

  const pageLimit = limits.pagesPerDay;
  if (pageLimit !== null && pages >= pageLimit) {
    // Pass once the oldest documents carried enough pages out of the window to go below it.
    const rows = await inWindow
      .select(["created_at", "page_count"])
      .where("page_count", ">", 0)
      .orderBy("created_at")
      .execute();
    let left = pages;
    let at = rows.at(-1)?.created_at;
    for (const row of rows) {
      left -= row.page_count ?? 0;
      if (left < pageLimit) {
        at = row.created_at;
        break;
      }
    }
    refuse(
      {
        quota: "pagesPerDay",
        limit: pageLimit,
        used: pages,
        requested,
        retryAfterSeconds: at ? secondsUntil(at, now) : 1,
      },
      `The project's quota of ${pageLimit} pages per 24 hours is reached (${pages} pages in the documents uploaded in the last 24 hours).`,
    );
  }
}

function refuse(refusal: QuotaRefusal, message: string): never {
  throw new PagewiseError("quota_exceeded", `${message} Nothing was stored.`, { ...refusal });
}

/**
 * Run `work` (which inserts the new documents) only if the quotas allow them, atomically: two
 * uploads racing at the quota's edge cannot both pass. In one transaction, a write to the
 * project's row comes first — on PostgreSQL it locks the row until commit, on SQLite it takes
 * the single write lock — so the count that follows sees every committed upload and no other
 * upload of the project can commit in between. `requested` counts the new documents inside the
 * lock (a repeated Idempotency-Key is not new). Without quotas, `work` runs as it always did.
 */
export async function withUploadQuota<T>(
  db: Db,
  projectId: string,
  limits: UploadQuotaLimits,
  requested: (db: Db) => Promise<number>,
  work: (db: Db) => Promise<T>,
): Promise<T> {
  if (!hasUploadQuota(limits)) return work(db);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("projects")
      .set({ updated_at: sql`updated_at` })
      .where("id", "=", projectId)
      .execute();
    await checkUploadQuota(trx, projectId, limits, await requested(trx));
    return work(trx);
  });
}
