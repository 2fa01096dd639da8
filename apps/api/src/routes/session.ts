import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError, RoleSchema } from "@pagewise/core";
import {
  createSession,
  findApiTokenBySecret,
  getProjectById,
  isApiTokenExpired,
  listProjects,
  listUserMemberships,
  recordAuditEvent,
  revokeSession,
} from "@pagewise/storage";
import { requestOrigin } from "../audit";
import { type AuthConfig, DEFAULT_AUTH_CONFIG } from "../auth-config";
import type { ApiDeps, AppEnv } from "../context";
import type { Principal } from "../principal";
import { errorResponses } from "../schemas/common";
import { clearSessionCookie, originAllowed, setSessionCookie } from "../session-cookie";

const tags = ["session"];

const SessionSchema = z
  .object({
    kind: z.enum(["token", "user"]),
    csrfToken: z.string().nullable().openapi({
      description: "Send it as X-CSRF-Token on unsafe requests of this browser session",
    }),
    expiresAt: z.string().nullable(),
    user: z
      .object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() })
      .nullable(),
    token: z
      .object({
        id: z.string(),
        name: z.string(),
        role: RoleSchema,
        expiresAt: z.string().nullable(),
      })
      .nullable(),
    instanceAdmin: z.boolean(),
    projects: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
  })
  .openapi("Session");

const openRoute = createRoute({
  method: "post",
  path: "/v1/session",
  tags,
  summary: "Sign a browser in with an API token: answers an HttpOnly session cookie",
  description:
    "The token is checked once and never kept by the browser: the session cookie (HttpOnly, " +
    "SameSite=Lax) stands for it until it expires, is signed out, or the token is revoked.",
  security: [],
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ token: z.string().min(1).max(200) }) } },
    },
  },
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: SessionSchema } } },
    ...errorResponses(400, 403),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/session",
  tags,
  summary: "Who is calling: the user or token, the projects they may open, the CSRF token",
  responses: {
    200: { description: "The caller", content: { "application/json": { schema: SessionSchema } } },
    ...errorResponses(),
  },
});

const closeRoute = createRoute({
  method: "delete",
  path: "/v1/session",
  tags,
  summary: "Sign this browser out (ends the session; same as POST /auth/logout)",
  responses: { 204: { description: "Signed out" }, ...errorResponses(400, 403) },
});

async function describe(deps: Pick<ApiDeps, "db">, principal: Principal) {
  const base = {
    kind: principal.kind,
    csrfToken: principal.session?.csrfToken ?? null,
    expiresAt: principal.session?.expiresAt ?? null,
  };
  if (principal.kind === "token") {
    const { token } = principal;
    const project = await getProjectById(deps.db, token.projectId);
    return {
      ...base,
      user: null,
      token: { id: token.id, name: token.name, role: token.role, expiresAt: token.expiresAt },
      instanceAdmin: false,
      projects: project ? [{ id: project.id, name: project.name, role: token.role }] : [],
    };
  }
  const { user } = principal;
  const projects = principal.instanceAdmin
    ? (await listProjects(deps.db)).map((p) => ({ id: p.id, name: p.name, role: "admin" as const }))
    : (await listUserMemberships(deps.db, user.id)).map((m) => ({
        id: m.projectId,
        name: m.projectName,
        role: m.role,
      }));
  return {
    ...base,
    user: { id: user.id, email: user.email, name: user.name },
    token: null,
    instanceAdmin: principal.instanceAdmin,
    projects,
  };
}

export function sessionRoutes(deps: Pick<ApiDeps, "db" | "auth">) {
  const auth: AuthConfig = deps.auth ?? DEFAULT_AUTH_CONFIG;
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(openRoute, async (c) => {
    // No session yet, so no CSRF token: the Origin check keeps other sites from signing a
    // browser in with their token (login CSRF).
    if (!originAllowed(c, auth)) {
      throw new PagewiseError("csrf_failed", "Signing in from another site is refused.");
    }
    const token = await findApiTokenBySecret(deps.db, c.req.valid("json").token.trim());
    if (!token) throw new PagewiseError("unauthorized", "This API token is unknown or revoked.");
    if (isApiTokenExpired(token)) {
      throw new PagewiseError(
        "token_expired",
        `This API token ('${token.name}') expired at ${token.expiresAt}; ask an admin for a new one.`,
      );
    }
    const ttlMs = auth.sessionTtlSeconds * 1000;
    const untilExpiry = token.expiresAt ? Date.parse(token.expiresAt) - Date.now() : ttlMs;
    const { session, secret } = await createSession(deps.db, {
      tokenId: token.id,
      ttlSeconds: Math.max(1, Math.floor(Math.min(ttlMs, untilExpiry) / 1000)),
    });
    setSessionCookie(c, auth, secret, session.expiresAt);
    await recordAuditEvent(deps.db, {
      projectId: token.projectId,
      actor: { kind: "token", id: token.id, name: token.name },
      action: "auth.signed_in",
      target: { type: "session", id: session.id },
      details: { method: "token" },
      ...requestOrigin(c),
    });
    return c.json(await describe(deps, { kind: "token", token, session }), 200);
  });

  app.openapi(getRoute, async (c) => c.json(await describe(deps, c.var.principal), 200));

  app.openapi(closeRoute, async (c) => {
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
