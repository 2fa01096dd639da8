import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { deleteCookie, setCookie } from "hono/cookie";
import type { ApiDeps, AppEnv } from "../context";
import { isInstanceAdmin } from "../instance-admin";
import { errorResponses } from "../schemas/common";
import { QUEUES_COOKIE, QUEUES_DASHBOARD_PATH } from "./queues-dashboard";

/** How long the browser keeps the dashboard cookie. */
const SESSION_SECONDS = 60 * 60;

const openRoute = createRoute({
  method: "post",
  path: "/v1/admin/queues-session",
  tags: ["admin"],
  summary: "Open the queue dashboard in this browser (instance admin)",
  description:
    "Sets an HttpOnly, SameSite=Strict cookie scoped to /admin/queues that carries the caller's " +
    "token for one hour, so the browser can open the dashboard (which JavaScript cannot reach " +
    "with a Bearer header). Revoking the token closes the dashboard at once.",
  responses: {
    200: {
      description: "The dashboard's address and when the cookie expires",
      content: {
        "application/json": {
          schema: z.object({ url: z.string(), expiresAt: z.string() }),
        },
      },
    },
    ...errorResponses(401, 403),
  },
});

const closeRoute = createRoute({
  method: "delete",
  path: "/v1/admin/queues-session",
  tags: ["admin"],
  summary: "Forget the queue dashboard cookie in this browser",
  responses: { 204: { description: "Cookie cleared" }, ...errorResponses(401) },
});

export function adminSessionRoutes(deps: Pick<ApiDeps, "db">) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(openRoute, async (c) => {
    if (!(await isInstanceAdmin(deps.db, c.var.principal))) {
      throw new PagewiseError(
        "forbidden",
        "The queue dashboard is for admins of the default project.",
      );
    }
    // A browser session's cookie already reaches the dashboard: nothing to add.
    if (c.var.principal.session) {
      return c.json(
        { url: QUEUES_DASHBOARD_PATH, expiresAt: c.var.principal.session.expiresAt },
        200,
      );
    }
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    setCookie(c, QUEUES_COOKIE, secret, {
      path: QUEUES_DASHBOARD_PATH,
      httpOnly: true,
      sameSite: "Strict",
      secure:
        new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
      maxAge: SESSION_SECONDS,
    });
    const expiresAt = new Date(Date.now() + SESSION_SECONDS * 1000).toISOString();
    return c.json({ url: QUEUES_DASHBOARD_PATH, expiresAt }, 200);
  });
  app.openapi(closeRoute, (c) => {
    deleteCookie(c, QUEUES_COOKIE, { path: QUEUES_DASHBOARD_PATH });
    return c.body(null, 204);
  });
  return app;
}
