import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { listAuditEvents } from "@pagewise/storage";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { AuditEventListSchema, AuditEventQuerySchema } from "../schemas/audit";
import { errorResponses, ProjectParamSchema } from "../schemas/common";

const listRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/audit-events",
  tags: ["audit"],
  summary: "The project's audit log, newest first (admin)",
  description:
    "Who did what, when and from where: tokens created and revoked, settings changed, documents " +
    "uploaded, downloaded and deleted, reviews saved, retrainings started, models registered, " +
    "promoted and rolled back, and failed sign-ins with a revoked token of this project. Paged " +
    "with `limit` and `cursor`; filtered by `action` (exact, or a prefix ending in `*`), " +
    "`actor`, `targetId`, `since` and `until`.",
  request: { params: ProjectParamSchema, query: AuditEventQuerySchema },
  responses: {
    200: {
      description: "A page of events",
      content: { "application/json": { schema: AuditEventListSchema } },
    },
    ...errorResponses(400, 403),
  },
});

export function auditEventRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(listRoute, async (c) => {
    requireRole(c, "admin");
    const page = await listAuditEvents(deps.db, c.var.project.id, c.req.valid("query"));
    return c.json(page, 200);
  });

  return app;
}
