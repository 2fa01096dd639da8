import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { createApiToken, listApiTokens, recordEvent, revokeApiToken } from "@pagewise/storage";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import { CreatedTokenSchema, CreateTokenSchema, TokenSchema } from "../schemas/project";

const tags = ["tokens"];

const createTokenRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/tokens",
  tags,
  summary: "Create an API token with a role in this project (admin)",
  request: {
    params: ProjectParamSchema,
    body: { required: true, content: { "application/json": { schema: CreateTokenSchema } } },
  },
  responses: {
    201: {
      description: "Created; the secret is shown once",
      content: { "application/json": { schema: CreatedTokenSchema } },
    },
    ...errorResponses(400, 403),
  },
});

const listTokensRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/tokens",
  tags,
  summary: "The project's live tokens, without secrets (admin)",
  request: { params: ProjectParamSchema },
  responses: {
    200: {
      description: "Tokens",
      content: { "application/json": { schema: z.object({ items: z.array(TokenSchema) }) } },
    },
    ...errorResponses(403),
  },
});

const revokeTokenRoute = createRoute({
  method: "delete",
  path: "/v1/projects/{project}/tokens/{tokenId}",
  tags,
  summary: "Revoke a token (admin)",
  request: { params: ProjectParamSchema.extend({ tokenId: z.string().max(64) }) },
  responses: { 204: { description: "Revoked" }, ...errorResponses(403) },
});

export function tokenRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(createTokenRoute, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    const { token, secret } = await createApiToken(deps.db, {
      projectId: c.var.project.id,
      ...body,
    });
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "token.created",
      actor: c.var.token.id,
      data: { tokenId: token.id, role: token.role },
    });
    return c.json({ ...token, token: secret }, 201);
  });

  app.openapi(listTokensRoute, async (c) => {
    requireRole(c, "admin");
    const tokens = await listApiTokens(deps.db, c.var.project.id);
    return c.json({ items: tokens.map(({ projectId: _, ...t }) => t) }, 200);
  });

  app.openapi(revokeTokenRoute, async (c) => {
    requireRole(c, "admin");
    const { tokenId } = c.req.valid("param");
    if (!(await revokeApiToken(deps.db, c.var.project.id, tokenId))) {
      throw new PagewiseError("not_found", `No live token '${tokenId}'.`);
    }
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "token.revoked",
      actor: c.var.token.id,
      data: { tokenId },
    });
    return c.body(null, 204);
  });

  return app;
}
