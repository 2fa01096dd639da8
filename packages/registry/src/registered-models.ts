import { type ModelKind, newId } from "@pagewise/core";
import type { Db } from "@pagewise/storage";

/** The registered model of a project and kind, created on first use. */
export async function ensureRegisteredModel(
  db: Db,
  projectId: string,
  kind: ModelKind,
): Promise<string> {
  const existing = await findRegisteredModel(db, projectId, kind);
  if (existing) return existing;
  try {
    const id = newId("rmd");
    await db
      .insertInto("registered_models")
      .values({ id, project_id: projectId, kind, created_at: new Date().toISOString() })
      .execute();
    return id;
  } catch (error) {
    // Created concurrently by another process.
    const raced = await findRegisteredModel(db, projectId, kind);
    if (raced) return raced;
    throw error;
  }
}

export async function findRegisteredModel(
  db: Db,
  projectId: string,
  kind: ModelKind,
): Promise<string | null> {
  const row = await db
    .selectFrom("registered_models")
    .select("id")
    .where("project_id", "=", projectId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  return row?.id ?? null;
}
