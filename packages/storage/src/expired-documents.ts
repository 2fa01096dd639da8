import type { Db } from "./schema";

/**
 * Ids of a project's documents uploaded before `createdBefore` (ISO), oldest first: what the
 * retention job deletes, a batch at a time.
 */
export async function listExpiredDocumentIds(
  db: Db,
  projectId: string,
  createdBefore: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("documents")
    .select("id")
    .where("project_id", "=", projectId)
    .where("created_at", "<", createdBefore)
    .orderBy("created_at")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
