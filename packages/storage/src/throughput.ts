import type { Db } from "./schema";

export interface DailyThroughput {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Documents whose pipeline finished that day (any terminal status but failed). */
  processed: number;
  failed: number;
  /** Complete reviews by people that day. */
  reviewed: number;
}

/**
 * Per UTC day for the last `days` days (today included, oldest first, zeros where nothing
 * happened). Days are ISO-string prefixes, so the grouping is the same on SQLite and PostgreSQL.
 */
export async function dailyThroughput(
  db: Db,
  projectId: string,
  days: number,
  now = new Date(),
): Promise<DailyThroughput[]> {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  first.setUTCDate(first.getUTCDate() - (days - 1));
  const since = first.toISOString();
  const [finished, reviews] = await Promise.all([
    db
      .selectFrom("documents")
      .select((eb) => [
        eb.fn<string>("substr", ["processed_at", eb.val(1), eb.val(10)]).as("day"),
        "status",
        eb.fn.countAll<number>().as("n"),
      ])
      .where("project_id", "=", projectId)
      .where("processed_at", ">=", since)
      .groupBy(["day", "status"])
      .execute(),
    db
      .selectFrom("reviews")
      .select((eb) => [
        eb.fn<string>("substr", ["created_at", eb.val(1), eb.val(10)]).as("day"),
        eb.fn.countAll<number>().as("n"),
      ])
      .where("project_id", "=", projectId)
      .where("complete", "=", 1)
      .where("source", "=", "review")
      .where("created_at", ">=", since)
      .groupBy("day")
      .execute(),
  ]);
  const byDay = new Map<string, DailyThroughput>();
  for (let i = 0; i < days; i++) {
    const d = new Date(first);
    d.setUTCDate(first.getUTCDate() + i);
    const day = d.toISOString().slice(0, 10);
    byDay.set(day, { day, processed: 0, failed: 0, reviewed: 0 });
  }
  for (const row of finished) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    if (row.status === "failed") entry.failed += Number(row.n);
    else entry.processed += Number(row.n);
  }
  for (const row of reviews) {
    const entry = byDay.get(row.day);
    if (entry) entry.reviewed += Number(row.n);
  }
  return [...byDay.values()];
}
