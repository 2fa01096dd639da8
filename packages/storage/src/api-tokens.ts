import { createHash, randomBytes } from "node:crypto";
import { newId, type Role, RoleSchema } from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import type { ApiTokensTable, Database } from "./schema";
import { nowIso } from "./time";

export interface ApiToken {
  id: string;
  projectId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    role: RoleSchema.parse(row.role),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * Tokens are 32 random bytes: far too much entropy to guess, so a plain sha256 (no salt, no
 * slow hash) is the right lookup key, as for GitHub or Stripe tokens. Only the hash is stored.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateApiTokenSecret(): string {
  return `pw_${randomBytes(32).toString("base64url")}`;
}

export async function createApiToken(
  db: Kysely<Database>,
  input: { projectId: string; role: Role; name: string; secret?: string },
): Promise<{ token: ApiToken; secret: string }> {
  const secret = input.secret ?? generateApiTokenSecret();
  const now = nowIso();
  const id = newId("tok");
  await db
    .insertInto("api_tokens")
    .values({
      id,
      project_id: input.projectId,
      name: input.name,
      role: input.role,
      token_hash: hashApiToken(secret),
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return {
    token: {
      id,
      projectId: input.projectId,
      name: input.name,
      role: input.role,
      createdAt: now,
      lastUsedAt: null,
    },
    secret,
  };
}

export async function listApiTokens(db: Kysely<Database>, projectId: string): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("revoked_at", "is", null)
    .orderBy("created_at")
    .execute();
  return rows.map(toApiToken);
}

/** The live token with this secret, or null (unknown or revoked). */
export async function findApiTokenBySecret(
  db: Kysely<Database>,
  secret: string,
): Promise<ApiToken | null> {
  const row = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", hashApiToken(secret))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Record use at most once a minute per token, so reads do not turn into writes. */
export async function touchApiToken(db: Kysely<Database>, token: ApiToken): Promise<void> {
  const now = new Date();
  if (token.lastUsedAt && now.getTime() - Date.parse(token.lastUsedAt) < 60_000) return;
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: now.toISOString() })
    .where("id", "=", token.id)
    .execute();
}

export async function revokeApiToken(
  db: Kysely<Database>,
  projectId: string,
  id: string,
): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso() })
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
