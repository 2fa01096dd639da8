import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError, type Role, RoleSchema } from "@pagewise/core";
import {
  findUsersByEmail,
  getMember,
  getMemberRole,
  getUserById,
  listMembers,
  type ProjectMember,
  removeMember,
  setMemberRole,
} from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { errorResponses, ProjectParamSchema } from "../schemas/common";

const tags = ["members"];

const MemberSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string().nullable(),
      name: z.string().nullable(),
      lastSignInAt: z.string().nullable(),
    }),
    role: RoleSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ProjectMember");

const MemberParamSchema = ProjectParamSchema.extend({
  userId: z.string().min(1).max(64).openapi({ example: "usr_01jf3x…" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/members",
  tags,
  summary: "The people with a role in this project, oldest first (admin)",
  request: {
    params: ProjectParamSchema,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: {
      description: "A page of members",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(MemberSchema), total: z.number().int() }),
        },
      },
    },
    ...errorResponses(400, 403),
  },
});

const addRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/members",
  tags,
  summary: "Give a person a role in this project, by user id or email (admin)",
  description:
    "The person must have signed in once (that creates their user). Adding someone who is " +
    "already a member changes their role.",
  request: {
    params: ProjectParamSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z
            .object({
              userId: z.string().min(1).max(64).optional(),
              email: z.string().min(3).max(320).optional(),
              role: RoleSchema,
            })
            .refine((b) => (b.userId === undefined) !== (b.email === undefined), {
              message: "Name the person by exactly one of userId or email.",
            }),
        },
      },
    },
  },
  responses: {
    200: {
      description: "The membership",
      content: { "application/json": { schema: MemberSchema } },
    },
    ...errorResponses(400, 403, 409),
  },
});

const changeRoute = createRoute({
  method: "patch",
  path: "/v1/projects/{project}/members/{userId}",
  tags,
  summary: "Change a member's role (admin)",
  request: {
    params: MemberParamSchema,
    body: {
      required: true,
      content: { "application/json": { schema: z.object({ role: RoleSchema }) } },
    },
  },
  responses: {
    200: {
      description: "The membership",
      content: { "application/json": { schema: MemberSchema } },
    },
    ...errorResponses(400, 403),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/v1/projects/{project}/members/{userId}",
  tags,
  summary: "Take a person out of this project (admin)",
  request: { params: MemberParamSchema },
  responses: { 204: { description: "Removed" }, ...errorResponses(403) },
});

function toView(m: ProjectMember) {
  const { id, email, name, lastSignInAt } = m.user;
  return {
    user: { id, email, name, lastSignInAt },
    role: m.role,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

// Membership changes are not written to the events table here: the audit log records them.
export function memberRoutes(deps: Pick<ApiDeps, "db">) {
  const app = new OpenAPIHono<AppEnv>();

  async function memberView(projectId: string, userId: string) {
    const m = await getMember(deps.db, projectId, userId);
    if (!m) throw new PagewiseError("not_found", `No member '${userId}'.`);
    return toView(m);
  }

  async function setRole(projectId: string, userId: string, role: Role) {
    await setMemberRole(deps.db, { projectId, userId, role });
    return memberView(projectId, userId);
  }

  app.openapi(listRoute, async (c) => {
    requireRole(c, "admin");
    const page = await listMembers(deps.db, c.var.project.id, c.req.valid("query"));
    return c.json(
      {
        total: page.total,
        items: page.items.map(toView),
      },
      200,
    );
  });

  app.openapi(addRoute, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    let userId = body.userId;
    if (body.email !== undefined) {
      const users = await findUsersByEmail(deps.db, body.email);
      if (users.length === 0) {
        throw new PagewiseError(
          "not_found",
          `Nobody with the email '${body.email}' has signed in yet: ask them to sign in once, then add them.`,
        );
      }
      if (users.length > 1) {
        throw new PagewiseError(
          "conflict",
          `Several users have the email '${body.email}' (from different identity providers); add them by userId.`,
        );
      }
      userId = users[0]?.id;
    }
    if (!userId || !(await getUserById(deps.db, userId))) {
      throw new PagewiseError("not_found", `No user '${userId}'.`);
    }
    const member = await setRole(c.var.project.id, userId, body.role);
    await audit(deps.db, c, {
      action: "member.added",
      target: { type: "user", id: userId },
      details: { role: body.role },
    });
    return c.json(member, 200);
  });

  app.openapi(changeRoute, async (c) => {
    requireRole(c, "admin");
    const { userId } = c.req.valid("param");
    if (!(await getMemberRole(deps.db, c.var.project.id, userId))) {
      throw new PagewiseError("not_found", `No member '${userId}'.`);
    }
    const { role } = c.req.valid("json");
    const member = await setRole(c.var.project.id, userId, role);
    await audit(deps.db, c, {
      action: "member.role_changed",
      target: { type: "user", id: userId },
      details: { role },
    });
    return c.json(member, 200);
  });

  app.openapi(removeRoute, async (c) => {
    requireRole(c, "admin");
    const { userId } = c.req.valid("param");
    if (!(await removeMember(deps.db, c.var.project.id, userId))) {
      throw new PagewiseError("not_found", `No member '${userId}'.`);
    }
    await audit(deps.db, c, { action: "member.removed", target: { type: "user", id: userId } });
    return c.body(null, 204);
  });

  return app;
}
