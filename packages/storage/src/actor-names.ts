import type { Kysely } from "kysely";
import type { Database } from "./schema";

/** "Ada Lovelace <ada@example.org>", the email alone, the name alone, or the id. */
export function userLabel(user: { id: string; name: string | null; email: string | null }): string {
  if (user.name && user.email) return `${user.name} <${user.email}>`;
  return user.email ?? user.name ?? user.id;
}

/**
 * Words for recorded actors: a user (`usr_…`) by name and email, a token (`tok_…`, also a revoked
 * one) as "token 'name'". Other actors (`system`, …) are left out.
 */
export async function describeActors(
  db: Kysely<Database>,
  actors: readonly (string | null)[],
): Promise<Map<string, string>> {
  const ids = [...new Set(actors.filter((a): a is string => a !== null))];
  const users = ids.filter((a) => a.startsWith("usr_"));
  const tokens = ids.filter((a) => a.startsWith("tok_"));
  const names = new Map<string, string>();
  if (users.length > 0) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("id", "in", users)
      .execute();
    for (const r of rows) names.set(r.id, userLabel(r));
  }
  if (tokens.length > 0) {
    const rows = await db
      .selectFrom("api_tokens")
      .select(["id", "name"])
      .where("id", "in", tokens)
      .execute();
    for (const r of rows) names.set(r.id, `token '${r.name}'`);
  }
  return names;
}
