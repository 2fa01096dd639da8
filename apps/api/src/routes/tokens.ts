import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { createApiToken, listApiTokensPage, recordEvent, revokeApiToken } from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import {
  errorResponses,
  NextCursorSchema,
  ProjectParamSchema,
  pageQuerySchema,
} from "../schemas/common";
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
  summary:
    "The project's live tokens (name, role, last use, expiry), oldest first, without secrets (admin)",
  request: { params: ProjectParamSchema, query: pageQuerySchema(100, 500) },
  responses: {
    200: {
      description: "A page of tokens",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(TokenSchema), nextCursor: NextCursorSchema }),
        },
      },
    },
    ...errorResponses(400, 403),
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
    // Stored in UTC like every time here, so expiry compares as text and as a date alike.
    const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
    if (expiresAt && Date.parse(expiresAt) <= Date.now()) {
      throw new PagewiseError("bad_request", `expiresAt (${body.expiresAt}) is in the past.`);
    }
    // The token and its audit-log entry are written together, or neither is.
    const { token, secret } = await deps.db.transaction().execute(async (trx) => {
      const created = await createApiToken(trx, {
        projectId: c.var.project.id,
        role: body.role,
        name: body.name,
        expiresAt,
      });
      await audit(trx, c, {
        action: "token.created",
        target: { type: "token", id: created.token.id },
        details: { name: created.token.name, role: created.token.role, expiresAt },
      });
      return created;
    });
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "token.created",
      actor: c.var.actor,
      data: { tokenId: token.id, role: token.role, expiresAt },
    });
    return c.json({ ...token, token: secret }, 201);
  });

  app.openapi(listTokensRoute, async (c) => {
    requireRole(c, "admin");
    const page = await listApiTokensPage(deps.db, c.var.project.id, c.req.valid("query"));
    return c.json(
      { items: page.items.map(({ projectId: _, ...t }) => t), nextCursor: page.nextCursor },
      200,
    );
  });

  app.openapi(revokeTokenRoute, async (c) => {
    requireRole(c, "admin");
    const { tokenId } = c.req.valid("param");
    const revoked = await deps.db.transaction().execute(async (trx) => {
      if (!(await revokeApiToken(trx, c.var.project.id, tokenId))) return false;
      await audit(trx, c, { action: "token.revoked", target: { type: "token", id: tokenId } });
      return true;
    });
    if (!revoked) throw new PagewiseError("not_found", `No live token '${tokenId}'.`);
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "token.revoked",
      actor: c.var.actor,
      data: { tokenId },
    });
    return c.body(null, 204);
  });

  return app;
}
