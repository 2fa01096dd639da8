import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import { PagewiseError } from "@pagewise/core";
import { QUEUES } from "@pagewise/queue";
import { findApiTokenBySecret, isApiTokenExpired } from "@pagewise/storage";
import { Hono, type MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { DEFAULT_AUTH_CONFIG } from "../auth-config";
import type { ApiDeps } from "../context";
import { isInstanceAdmin } from "../instance-admin";
import { sessionPrincipal } from "../middleware/authenticate";
import type { Principal } from "../principal";
import { originAllowed, readSessionCookie } from "../session-cookie";

export const QUEUES_DASHBOARD_PATH = "/admin/queues";
/** Set by `POST /v1/admin/queues-session`; sent by the browser to the dashboard only. */
export const QUEUES_COOKIE = "pagewise_queues";

/**
 * The dashboard belongs to the instance admin (an admin of the `default` project): it shows every
 * project's jobs and retries or cleans them. The caller brings the token as a Bearer header
 * (scripts) or as the HttpOnly cookie the UI obtained; nobody else learns it exists (404), and a
 * valid token without the role gets 403.
 */
function requireQueuesAdmin(deps: Pick<ApiDeps, "db" | "auth">): MiddlewareHandler {
  const notFound = (c: { req: { method: string; path: string } }) =>
    new PagewiseError("not_found", `No route ${c.req.method} ${c.req.path}.`);
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const secret = bearer ?? getCookie(c, QUEUES_COOKIE);
    let principal: Principal | null = null;
    if (secret) {
      const token = await findApiTokenBySecret(deps.db, secret);
      if (token && !isApiTokenExpired(token)) principal = { kind: "token", token };
    } else {
      // A signed-in browser: its session cookie (path /) reaches the dashboard too. bull-board's
      // own page sends no CSRF header; SameSite=Lax and the Origin check keep other sites out.
      const session = readSessionCookie(c);
      principal = session ? await sessionPrincipal(deps, session).catch(() => null) : null;
      if (principal && !originAllowed(c, deps.auth ?? DEFAULT_AUTH_CONFIG)) principal = null;
    }
    if (!principal) throw notFound(c);
    if (!(await isInstanceAdmin(deps.db, principal))) {
      throw new PagewiseError(
        "forbidden",
        "The queue dashboard is for admins of the default project.",
      );
    }
    await next();
  };
}

/**
 * bull-board over every queue of the catalog at `/admin/queues`: job lists per state, retry and
 * clean of failed jobs. Its UI assets come from @bull-board/ui on disk (no CDN).
 */
export function queuesDashboardRoutes(deps: Pick<ApiDeps, "db" | "producer" | "auth">) {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(QUEUES_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(deps.producer.queue(name))),
    serverAdapter,
    options: { uiConfig: { boardTitle: "Pagewise queues" } },
  });
  const app = new Hono();
  app.use(QUEUES_DASHBOARD_PATH, requireQueuesAdmin(deps));
  app.use(`${QUEUES_DASHBOARD_PATH}/*`, requireQueuesAdmin(deps));
  // bull-board answers the bare path (its page sets <base href> with the slash itself).
  app.get(`${QUEUES_DASHBOARD_PATH}/`, (c) => c.redirect(QUEUES_DASHBOARD_PATH));
  app.route(QUEUES_DASHBOARD_PATH, serverAdapter.registerPlugin());
  return app;
}
