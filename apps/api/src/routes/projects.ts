import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { checkOcrLanguages, PagewiseError } from "@pagewise/core";
import {
  countDocumentsByStatus,
  createApiToken,
  createProject,
  dailyThroughput,
  getProjectById,
  getProjectByName,
  type Project,
  recordEvent,
  updateProject,
} from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { isInstanceAdmin } from "../instance-admin";
import { requireRole } from "../middleware/require-role";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import {
  CreatedTokenSchema,
  CreateProjectSchema,
  PatchProjectSchema,
  ProjectSchema,
} from "../schemas/project";

const tags = ["projects"];

const createProjectRoute = createRoute({
  method: "post",
  path: "/v1/projects",
  tags,
  summary: "Create a project (admin of the default project); answers its first admin token",
  request: {
    body: { required: true, content: { "application/json": { schema: CreateProjectSchema } } },
  },
  responses: {
    201: {
      description: "Created",
      content: {
        "application/json": {
          schema: z.object({ project: ProjectSchema, adminToken: CreatedTokenSchema }),
        },
      },
    },
    ...errorResponses(400, 403, 409),
  },
});

const getProjectRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}",
  tags,
  summary: "The project: settings, label schema, document counts",
  request: { params: ProjectParamSchema },
  responses: {
    200: { description: "The project", content: { "application/json": { schema: ProjectSchema } } },
    ...errorResponses(),
  },
});

const patchProjectRoute = createRoute({
  method: "patch",
  path: "/v1/projects/{project}",
  tags,
  summary:
    "Change settings (thresholds, retraining, gate) or the label schema (admin); quotas (instance admin)",
  request: {
    params: ProjectParamSchema,
    body: { required: true, content: { "application/json": { schema: PatchProjectSchema } } },
  },
  responses: {
    200: { description: "The project", content: { "application/json": { schema: ProjectSchema } } },
    ...errorResponses(400, 403),
  },
});

const throughputRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/stats/throughput",
  tags,
  summary: "Documents finished and reviews completed per UTC day",
  request: {
    params: ProjectParamSchema,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(14) }),
  },
  responses: {
    200: {
      description: "Oldest day first; days without activity are zeros",
      content: {
        "application/json": {
          schema: z
            .object({
              days: z.array(
                z.object({
                  day: z.string(),
                  processed: z.number().int(),
                  failed: z.number().int(),
                  reviewed: z.number().int(),
                }),
              ),
            })
            .openapi("Throughput"),
        },
      },
    },
    ...errorResponses(400),
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/v1/me",
  tags,
  summary: "The calling token: its role and project",
  responses: {
    200: {
      description: "The token",
      content: {
        "application/json": {
          schema: z.object({
            token: z.object({ id: z.string(), name: z.string(), role: z.string() }),
            project: z.object({ id: z.string(), name: z.string() }),
          }),
        },
      },
    },
    ...errorResponses(),
  },
});

/** Keep the project's feedback check on its interval (the worker also syncs them at start). */
async function scheduleFeedbackCheck(deps: ApiDeps, project: Project): Promise<void> {
  try {
    await deps.producer.upsertFeedbackCheck(
      project.id,
      project.settings.retrainCheckIntervalSeconds,
    );
  } catch (err) {
    deps.logger.warn({ err, projectId: project.id }, "could not schedule the feedback check");
  }
}

/** The values the patch replaces, key by key (one level into nested groups such as `gate`). */
function previousSettings(
  project: Project,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> | null {
  if (!patch) return null;
  const current = project.settings as unknown as Record<string, unknown>;
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    const before = current[key];
    if (value && typeof value === "object" && before && typeof before === "object") {
      const group = before as Record<string, unknown>;
      previous[key] = Object.fromEntries(Object.keys(value).map((k) => [k, group[k] ?? null]));
    } else {
      previous[key] = before ?? null;
    }
  }
  return previous;
}

async function projectView(deps: ApiDeps, project: Project) {
  return { ...project, documents: await countDocumentsByStatus(deps.db, project.id) };
}

export function projectRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createProjectRoute, async (c) => {
    // Only the admin of the default project (the instance admin) creates projects.
    if (!(await isInstanceAdmin(deps.db, c.var.principal))) {
      throw new PagewiseError(
        "forbidden",
        "Only an admin of the default project creates projects.",
      );
    }
    const body = c.req.valid("json");
    checkOcrLanguages(body.settings?.ocrLanguages);
    if (await getProjectByName(deps.db, body.name)) {
      throw new PagewiseError("conflict", `A project named '${body.name}' exists.`);
    }
    const { project, token, secret } = await deps.db.transaction().execute(async (trx) => {
      const created = await createProject(trx, body);
      const first = await createApiToken(trx, {
        projectId: created.id,
        role: "admin",
        name: "first admin",
      });
      // The new project's log starts with its creation, by the instance admin.
      await audit(trx, c, {
        projectId: created.id,
        action: "project.created",
        target: { type: "project", id: created.id },
        details: { name: created.name, firstAdminTokenId: first.token.id },
      });
      return { project: created, ...first };
    });
    await scheduleFeedbackCheck(deps, project);
    await recordEvent(deps.db, {
      projectId: project.id,
      type: "project.created",
      actor: c.var.actor,
      data: { name: project.name },
    });
    return c.json(
      { project: await projectView(deps, project), adminToken: { ...token, token: secret } },
      201,
    );
  });

  app.openapi(getProjectRoute, async (c) => c.json(await projectView(deps, c.var.project), 200));

  app.openapi(patchProjectRoute, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    checkOcrLanguages(body.settings?.ocrLanguages);
    // Quotas limit a tenant: its own admins must not lift them.
    if (body.settings?.quotas !== undefined && !(await isInstanceAdmin(deps.db, c.var.principal))) {
      throw new PagewiseError(
        "forbidden",
        "Quotas are set by the instance admin (an admin token of the default project, or a person in PAGEWISE_OIDC_ADMIN_EMAILS), not by a project's own admins.",
      );
    }
    const current = c.var.project;
    const labelSchema = body.labelSchema
      ? {
          ...body.labelSchema,
          version: Math.max(body.labelSchema.version, current.labelSchema.version + 1),
        }
      : undefined;
    const updated = await deps.db.transaction().execute(async (trx) => {
      // The entry first: on SQLite a write takes the write lock before the update reads.
      await audit(trx, c, {
        action: "project.settings_changed",
        target: { type: "project", id: current.id },
        details: {
          changed: body.settings ?? null,
          previous: previousSettings(current, body.settings),
          labelSchemaVersion: labelSchema
            ? { from: current.labelSchema.version, to: labelSchema.version }
            : null,
        },
      });
      return updateProject(trx, current.id, { settings: body.settings, labelSchema });
    });
    if (!updated) throw new PagewiseError("not_found", "The project is gone.");
    await scheduleFeedbackCheck(deps, updated);
    await recordEvent(deps.db, {
      projectId: current.id,
      type: "project.updated",
      actor: c.var.actor,
      data: { settings: body.settings ?? null, labelSchemaVersion: labelSchema?.version ?? null },
    });
    return c.json(await projectView(deps, updated), 200);
  });

  app.openapi(throughputRoute, async (c) => {
    const { days } = c.req.valid("query");
    return c.json({ days: await dailyThroughput(deps.db, c.var.project.id, days) }, 200);
  });

  app.openapi(meRoute, async (c) => {
    const { token } = c.var;
    if (!token) {
      throw new PagewiseError(
        "bad_request",
        "You are signed in as a person, not with a token: GET /v1/session says who you are.",
      );
    }
    const project = await getProjectById(deps.db, token.projectId);
    if (!project) throw new PagewiseError("unauthorized", "The token's project is gone.");
    return c.json(
      {
        token: { id: token.id, name: token.name, role: token.role },
        project: { id: project.id, name: project.name },
      },
      200,
    );
  });

  return app;
}
