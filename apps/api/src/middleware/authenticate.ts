import { timingSafeEqual } from "node:crypto";
import { PagewiseError } from "@pagewise/core";
import {
  type ApiToken,
  findApiTokenBySecret,
  findSessionBySecret,
  getApiToken,
  getUserById,
  isApiTokenExpired,
  type Session,
  touchApiToken,
  touchSession,
} from "@pagewise/storage";
import type { Context, MiddlewareHandler } from "hono";
import { type AuthConfig, DEFAULT_AUTH_CONFIG } from "../auth-config";
import type { ApiDeps, AppEnv } from "../context";
import { isAdminEmail } from "../instance-admin";
import { type Principal, principalActor } from "../principal";
import { CSRF_HEADER, originAllowed, readSessionCookie } from "../session-cookie";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuseExpired(token: ApiToken): never {
  throw new PagewiseError(
    "token_expired",
    `This API token ('${token.name}') expired at ${token.expiresAt}; ask an admin for a new one.`,
  );
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A cookie rides along with every request the browser makes to us, also ones another site
 * triggers: unsafe requests must prove they come from our own page (the session's CSRF token in
 * a header no other site can set, and an `Origin` that is ours).
 */
function checkCsrf(c: Context, auth: AuthConfig, session: Session): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  if (!originAllowed(c, auth)) {
    throw new PagewiseError(
      "csrf_failed",
      `This request came from another site (${c.req.header("origin")}); it was refused.`,
    );
  }
  const sent = c.req.header(CSRF_HEADER);
  if (!sent || !sameSecret(sent, session.csrfToken)) {
    throw new PagewiseError(
      "csrf_failed",
      `A signed-in browser must send the session's CSRF token in ${CSRF_HEADER} (GET /v1/session answers it).`,
    );
  }
}

/** The principal of a session cookie, or an error saying in words why it is not accepted. */
export async function sessionPrincipal(
  deps: Pick<ApiDeps, "db" | "auth">,
  secret: string,
): Promise<Principal> {
  const auth = deps.auth ?? DEFAULT_AUTH_CONFIG;
  const session = await findSessionBySecret(deps.db, secret);
  if (!session) {
    throw new PagewiseError(
      "unauthorized",
      "Your session has ended (signed out or expired). Sign in again.",
    );
  }
  if (session.tokenId) {
    const token = await getApiToken(deps.db, session.tokenId);
    if (!token) throw new PagewiseError("unauthorized", "This API token is unknown or revoked.");
    if (isApiTokenExpired(token)) refuseExpired(token);
    await touchApiToken(deps.db, token);
    return { kind: "token", token, session };
  }
  const user = session.userId ? await getUserById(deps.db, session.userId) : null;
  if (!user) throw new PagewiseError("unauthorized", "This session's user no longer exists.");
  return { kind: "user", user, session, instanceAdmin: isAdminEmail(auth, user.email) };
}

/**
 * Every `/v1` request is authenticated: `Authorization: Bearer <token>` (machines, the CLI; no
 * CSRF check, a browser never adds that header on its own), or else the browser's session cookie
 * (unsafe methods need the CSRF token). Sets `principal`, `actor` and, for tokens, `token`.
 */
export function authenticate(deps: Pick<ApiDeps, "db" | "auth">): MiddlewareHandler<AppEnv> {
  const auth = deps.auth ?? DEFAULT_AUTH_CONFIG;
  return async (c, next) => {
    const principal = await identify(c);
    c.set("principal", principal);
    c.set("actor", principalActor(principal));
    if (principal.kind === "token") c.set("token", principal.token);
    if (principal.session) await touchSession(deps.db, principal.session);
    await next();
  };

  async function identify(c: Context<AppEnv>): Promise<Principal> {
    const header = c.req.header("authorization");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match?.[1]) {
        throw new PagewiseError(
          "unauthorized",
          "Send an API token: Authorization: Bearer <token>.",
        );
      }
      const token = await findApiTokenBySecret(deps.db, match[1]);
      if (!token) throw new PagewiseError("unauthorized", "This API token is unknown or revoked.");
      if (isApiTokenExpired(token)) refuseExpired(token);
      await touchApiToken(deps.db, token);
      return { kind: "token", token };
    }
    const secret = readSessionCookie(c);
    if (!secret) {
      throw new PagewiseError(
        "unauthorized",
        "Send an API token (Authorization: Bearer <token>) or sign in.",
      );
    }
    const principal = await sessionPrincipal(deps, secret);
    if (principal.session) checkCsrf(c, auth, principal.session);
    return principal;
  }
}
