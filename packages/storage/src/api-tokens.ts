import { createHash, randomBytes } from "node:crypto";
import { newId, type Role, RoleSchema } from "@pagewise/core";
import type { Kysely, Selectable } from "kysely";
import { encodeCursor, type Page, type PageQuery, pageOf, pastCursor } from "./keyset-cursor";
import type { ApiTokensTable, Database } from "./schema";
import { nowIso } from "./time";

export interface ApiToken {
  id: string;
  projectId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  /** After this time the token is refused; null: it never expires. */
  expiresAt: string | null;
}

/** Whether the token's expiry has passed (a token without one never expires). */
export function isApiTokenExpired(token: ApiToken, now: Date = new Date()): boolean {
  return token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime();
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    role: RoleSchema.parse(row.role),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at ?? null,
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
  input: {
    projectId: string;
    role: Role;
    name: string;
    secret?: string;
    expiresAt?: string | null;
  },
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
      expires_at: input.expiresAt ?? null,
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
      expiresAt: input.expiresAt ?? null,
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

/** The project's live tokens, oldest first, keyset-paged on (created_at, id). */
export async function listApiTokensPage(
  db: Kysely<Database>,
  projectId: string,
  query: PageQuery,
): Promise<Page<ApiToken>> {
  let q = db
    .selectFrom("api_tokens")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("revoked_at", "is", null);
  if (query.cursor) q = q.where(pastCursor(query.cursor, "asc"));
  const rows = await q
    .orderBy("created_at")
    .orderBy("id")
    .limit(query.limit + 1)
    .execute();
  return pageOf(rows, query.limit, toApiToken, (t) => encodeCursor(t.createdAt, t.id));
}

/**
 * The token a secret belongs to whatever its state (live, revoked), or null: a failed sign-in
 * with a revoked token is attributed to that token's project in its audit log.
 */
export async function findApiTokenRowBySecret(
  db: Kysely<Database>,
  secret: string,
): Promise<(ApiToken & { revokedAt: string | null }) | null> {
  const row = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", hashApiToken(secret))
    .executeTakeFirst();
  return row ? { ...toApiToken(row), revokedAt: row.revoked_at } : null;
}

/**
 * The token with this secret that is not revoked, or null (unknown or revoked). An expired token
 * is answered too (check `isApiTokenExpired`), so the caller can say "expired" in words.
 */
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

/**
 * Whether a secret was ever a token here: `live`, `revoked` (its row stays, so the secret can
 * never be created again), or `unknown`.
 */
export async function apiTokenSecretState(
  db: Kysely<Database>,
  secret: string,
): Promise<"live" | "revoked" | "unknown"> {
  const row = await db
    .selectFrom("api_tokens")
    .select("revoked_at")
    .where("token_hash", "=", hashApiToken(secret))
    .executeTakeFirst();
  if (!row) return "unknown";
  return row.revoked_at === null ? "live" : "revoked";
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

export async function getApiToken(db: Kysely<Database>, id: string): Promise<ApiToken | null> {
  const row = await db
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return row ? toApiToken(row) : null;
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
