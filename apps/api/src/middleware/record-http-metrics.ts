import { recordHttpRequest } from "@pagewise/metrics";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";

/**
 * Count and time every request by its route template — the path the router matched
 * (`/v1/projects/:project/documents/:id`), never the concrete path, so ids never become labels.
 * A request that no route answered is counted under the middleware pattern that saw it last.
 */
export function recordHttpMetrics(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      recordHttpRequest(
        c.req.method,
        routePath(c) || "unmatched",
        c.res.status,
        (performance.now() - started) / 1000,
      );
    }
  };
}
