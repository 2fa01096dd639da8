import { PagewiseError, type Role } from "@pagewise/core";
import { getMemberRole, getProjectById, getProjectByName, type Project } from "@pagewise/storage";
import type { MiddlewareHandler } from "hono";
import type { ApiDeps, AppEnv } from "../context";
import type { Principal } from "../principal";

/**
 * The caller's role in a project, or null when they may not see it: a token has its role in its
 * own project only; a person is admin of every project when instance admin
 * (`PAGEWISE_OIDC_ADMIN_EMAILS`), else has the role of their membership.
 */
export async function roleInProject(
  deps: Pick<ApiDeps, "db">,
  principal: Principal,
  project: Project,
): Promise<Role | null> {
  if (principal.kind === "token") {
    return principal.token.projectId === project.id ? principal.token.role : null;
  }
  if (principal.instanceAdmin) return "admin";
  return getMemberRole(deps.db, project.id, principal.user.id);
}

/**
 * `{project}` in a path is a project id or name. A caller only ever sees their own projects; any
 * other project — existing or not — answers 404, so ids cannot be probed across projects.
 */
export function resolveProject(deps: Pick<ApiDeps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ref = c.req.param("project") ?? "";
    const project = ref.startsWith("prj_")
      ? await getProjectById(deps.db, ref)
      : await getProjectByName(deps.db, ref);
    const role = project ? await roleInProject(deps, c.var.principal, project) : null;
    if (!project || !role) {
      throw new PagewiseError("not_found", `No project '${ref}'.`);
    }
    c.set("project", project);
    c.set("role", role);
    await next();
  };
}
