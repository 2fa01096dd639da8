import type { Kysely } from "kysely";

/**
 * The fields a reviewer marked "not in this document" (JSON array of field names). A complete
 * review accounts for every required field with a value or this mark, so training knows the
 * difference between "absent" and "nobody looked". Existing reviews have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("reviews")
    .addColumn("absent", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
}
