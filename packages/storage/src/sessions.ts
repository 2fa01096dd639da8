import { createHash, randomBytes } from "node:crypto";
import { newId } from "@pagewise/core";
import type { Kysely } from "kysely";
import type { Database } from "./schema";
import { nowIso } from "./time";

/** A browser session: a signed-in user's, or a token's (the token sign-in form). */
export interface Session {
  id: string;
  userId: string | null;
  tokenId: string | null;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string | null;
}

/** Expired sessions stay this long after their expiry, then the next sign-in removes them. */
const SESSION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** 32 random bytes, like API tokens: a plain sha256 is the right lookup key. */
function hashSessionSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * Open a session for a user or a token; answers the cookie's secret (shown once, never stored)
 * and the session, whose `csrfToken` the web client echoes on unsafe requests.
 */
export async function createSession(
  db: Kysely<Database>,
  input: { userId?: string; tokenId?: string; ttlSeconds: number },
): Promise<{ session: Session; secret: string }> {
  if (Boolean(input.userId) === Boolean(input.tokenId)) {
    throw new Error("a session belongs to exactly one user or one token");
  }
  const secret = `pws_${randomBytes(32).toString("base64url")}`;
  const now = new Date();
  const session: Session = {
    id: newId("ses"),
    userId: input.userId ?? null,
    tokenId: input.tokenId ?? null,
    csrfToken: randomBytes(24).toString("base64url"),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000).toISOString(),
    lastSeenAt: null,
  };
  await db
    .insertInto("sessions")
    .values({
      id: session.id,
      secret_hash: hashSessionSecret(secret),
      user_id: session.userId,
      token_id: session.tokenId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      last_seen_at: null,
      revoked_at: null,
    })
    .execute();
  // Ended sessions are kept a while (who was signed in when), then dropped here.
  await db
    .deleteFrom("sessions")
    .where("expires_at", "<", new Date(now.getTime() - SESSION_RETENTION_MS).toISOString())
    .execute();
  return { session, secret };
}

/** The live session (not revoked, not expired) with this cookie secret, or null. */
export async function findSessionBySecret(
  db: Kysely<Database>,
  secret: string,
  now: Date = new Date(),
): Promise<Session | null> {
  const row = await db
    .selectFrom("sessions")
    .selectAll()
    .where("secret_hash", "=", hashSessionSecret(secret))
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    tokenId: row.token_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Record use at most once a minute per session, so reads do not turn into writes. */
export async function touchSession(db: Kysely<Database>, session: Session): Promise<void> {
  const now = new Date();
  if (session.lastSeenAt && now.getTime() - Date.parse(session.lastSeenAt) < 60_000) return;
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now.toISOString() })
    .where("id", "=", session.id)
    .execute();
}

export async function revokeSession(db: Kysely<Database>, id: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ revoked_at: nowIso() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Sign a user out everywhere (e.g. when they are removed from every project). */
export async function revokeUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: nowIso() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
