import { type Kysely, Migrator } from "kysely";
import { MIGRATIONS } from "./migrations/index";
import type { Database } from "./schema";

/**
 * Bring the schema up to date. Safe to call from every process at start: kysely's migrator takes a
 * lock, so concurrent callers wait and then find nothing to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`Database migration ${failed ?? ""} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
