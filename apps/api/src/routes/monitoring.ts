import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { getMonitoringReport } from "@pagewise/registry";
import type { ApiDeps, AppEnv } from "../context";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import { MonitoringQuerySchema, MonitoringSchema } from "../schemas/monitoring";

const monitoringRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/monitoring",
  tags: ["monitoring"],
  summary: "Live accuracy, drift against the champions' reference, shadow comparison and alerts",
  request: { params: ProjectParamSchema, query: MonitoringQuerySchema },
  responses: {
    200: {
      description: "The project's model monitoring over the window",
      content: { "application/json": { schema: MonitoringSchema } },
    },
    ...errorResponses(400),
  },
});

export function monitoringRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(monitoringRoute, async (c) => {
    const { window } = c.req.valid("query");
    return c.json(await getMonitoringReport(deps.db, c.var.project, window), 200);
  });
  return app;
}
