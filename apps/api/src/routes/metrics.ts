import { decideScrape, renderMetrics } from "@pagewise/metrics";
import { Hono } from "hono";
import type { ApiDeps } from "../context";
import { errorBody } from "../http-errors";
import { remoteAddress } from "../remote-address";

/**
 * `GET /metrics`: this process's registry in the Prometheus text format. With a metrics token the
 * scraper must send it (401 otherwise); without one only loopback callers are served, and for
 * anyone else — or with metrics off — the endpoint does not exist (404).
 */
export function metricsRoutes(deps: Pick<ApiDeps, "metrics">) {
  const app = new Hono();
  app.get("/metrics", async (c) => {
    const notFound = () => c.json(errorBody("not_found", "No route GET /metrics."), 404);
    if (deps.metrics?.enabled === false) return notFound();
    const decision = decideScrape(deps.metrics?.token, {
      authorization: c.req.header("authorization"),
      remoteAddress: remoteAddress(c),
      forwarded:
        c.req.header("forwarded") !== undefined || c.req.header("x-forwarded-for") !== undefined,
    });
    if (decision === 404) return notFound();
    if (decision === 401) {
      c.header("WWW-Authenticate", "Bearer");
      return c.json(
        errorBody("unauthorized", "Send the metrics token: Authorization: Bearer <token>."),
        401,
      );
    }
    const { body, contentType } = await renderMetrics();
    return c.body(body, 200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  });
  return app;
}
