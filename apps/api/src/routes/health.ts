import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../context";

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "The process is alive",
  responses: {
    200: {
      description: "Alive",
      content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } },
    },
  },
});

const ReadySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.boolean(),
  redis: z.boolean(),
});

const readyRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "The database and Redis are reachable",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadySchema } } },
    503: { description: "Not ready", content: { "application/json": { schema: ReadySchema } } },
  },
});

export function healthRoutes(deps: Pick<ApiDeps, "checkReady">) {
  const app = new OpenAPIHono();
  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const checks = await deps.checkReady();
    const ok = checks.database && checks.redis;
    return ok
      ? c.json({ status: "ready" as const, ...checks }, 200)
      : c.json({ status: "not_ready" as const, ...checks }, 503);
  });
  return app;
}
