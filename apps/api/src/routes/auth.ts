import { PagewiseError } from "@pagewise/core";
import {
  createSession,
  findSessionBySecret,
  listUserMemberships,
  recordAuditEvent,
  revokeSession,
  upsertUserOnSignIn,
} from "@pagewise/storage";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { requestOrigin } from "../audit";
import { type AuthConfig, DEFAULT_AUTH_CONFIG } from "../auth-config";
import type { ApiDeps, AppEnv } from "../context";
import { authenticate } from "../middleware/authenticate";
import { OidcClient, type PendingLogin } from "../oidc-client";
import {
  clearSessionCookie,
  isSecure,
  readSessionCookie,
  setSessionCookie,
} from "../session-cookie";

export const OIDC_LOGIN_PATH = "/auth/oidc/login";
export const OIDC_CALLBACK_PATH = "/auth/oidc/callback";
/** Holds state, nonce and PKCE verifier between the login and the callback (10 minutes). */
const PENDING_COOKIE = "pagewise_oidc";
const PENDING_SECONDS = 600;

/** Back to the UI's sign-in screen with a sentence to show. */
function signInFailed(message: string): string {
  return `/?signInError=${encodeURIComponent(message)}`;
}

function parsePending(raw: string | undefined): PendingLogin | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<PendingLogin>;
    return typeof v.state === "string" &&
      typeof v.nonce === "string" &&
      typeof v.codeVerifier === "string"
      ? { state: v.state, nonce: v.nonce, codeVerifier: v.codeVerifier }
      : null;
  } catch {
    return null;
  }
}

/**
 * People sign in through OpenID Connect: `GET /auth/oidc/login` sends the browser to the
 * provider, `GET /auth/oidc/callback` checks what comes back, creates the user on their first
 * sign-in and opens a session (HttpOnly cookie); `POST /auth/logout` ends it. `GET /auth/config`
 * tells the UI whether to offer it and whether this browser has a live session.
 */
export function authRoutes(deps: Pick<ApiDeps, "db" | "logger" | "auth">) {
  const auth: AuthConfig = deps.auth ?? DEFAULT_AUTH_CONFIG;
  const oidc =
    auth.oidc && auth.publicUrl
      ? new OidcClient(auth.oidc, new URL(OIDC_CALLBACK_PATH, auth.publicUrl).toString())
      : undefined;
  const app = new Hono<AppEnv>();

  // Answers 200 either way, so a fresh page learns "not signed in" without a refused request.
  app.get("/auth/config", async (c) => {
    const secret = readSessionCookie(c);
    const session = secret ? await findSessionBySecret(deps.db, secret) : null;
    return c.json({ oidc: oidc !== undefined, session: session !== null });
  });

  app.get(OIDC_LOGIN_PATH, async (c) => {
    if (!oidc) throw new PagewiseError("not_found", "OpenID Connect sign-in is not configured.");
    let started: Awaited<ReturnType<OidcClient["startLogin"]>>;
    try {
      started = await oidc.startLogin();
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, "OIDC discovery failed");
      return c.redirect(signInFailed("The identity provider could not be reached. Try again."));
    }
    setCookie(c, PENDING_COOKIE, JSON.stringify(started.pending), {
      path: "/auth/oidc",
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET from another site.
      sameSite: "Lax",
      secure: isSecure(c, auth),
      maxAge: PENDING_SECONDS,
    });
    return c.redirect(started.url.toString());
  });

  app.get(OIDC_CALLBACK_PATH, async (c) => {
    if (!oidc) throw new PagewiseError("not_found", "OpenID Connect sign-in is not configured.");
    const pending = parsePending(getCookie(c, PENDING_COOKIE));
    deleteCookie(c, PENDING_COOKIE, { path: "/auth/oidc", secure: isSecure(c, auth) });
    const error = c.req.query("error");
    if (error) {
      const description = c.req.query("error_description") ?? error;
      return c.redirect(signInFailed(`The identity provider refused the sign-in: ${description}`));
    }
    if (!pending) {
      return c.redirect(
        signInFailed("The sign-in took too long or was started elsewhere. Try again."),
      );
    }
    let identity: Awaited<ReturnType<OidcClient["finishLogin"]>>;
    try {
      identity = await oidc.finishLogin(new URL(c.req.url).search, pending);
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, "OIDC callback refused");
      return c.redirect(signInFailed("The sign-in could not be verified. Try again."));
    }
    const { user, created } = await upsertUserOnSignIn(deps.db, identity);
    const { session, secret } = await createSession(deps.db, {
      userId: user.id,
      ttlSeconds: auth.sessionTtlSeconds,
    });
    setSessionCookie(c, auth, secret, session.expiresAt);
    // The sign-in goes into the audit log of every project the person belongs to.
    for (const membership of await listUserMemberships(deps.db, user.id)) {
      await recordAuditEvent(deps.db, {
        projectId: membership.projectId,
        actor: { kind: "user", id: user.id, name: user.name ?? user.email ?? user.id },
        action: "auth.signed_in",
        target: { type: "session", id: session.id },
        details: { method: "oidc", firstSignIn: created },
        ...requestOrigin(c),
      });
    }
    deps.logger.info({ userId: user.id, created }, "user signed in");
    return c.redirect("/");
  });

  // Signing out needs the session and its CSRF token, like any unsafe request of a browser.
  app.post("/auth/logout", authenticate(deps), async (c) => {
    const { session } = c.var.principal;
    if (!session) {
      throw new PagewiseError(
        "bad_request",
        "Only a browser session signs out; a token is revoked.",
      );
    }
    await revokeSession(deps.db, session.id);
    clearSessionCookie(c, auth);
    return c.body(null, 204);
  });

  return app;
}
