import { PagewiseError } from "@pagewise/core";
import { getProjectById, getProjectByName } from "@pagewise/storage";
import type { MiddlewareHandler } from "hono";
import type { ApiDeps, AppEnv } from "../context";

/**
 * `{project}` in a path is a project id or name. A token only ever sees its own project; any
 * other project — existing or not — answers 404, so ids cannot be probed across projects.
 */
export function resolveProject(deps: Pick<ApiDeps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ref = c.req.param("project") ?? "";
    const project = ref.startsWith("prj_")
      ? await getProjectById(deps.db, ref)
      : await getProjectByName(deps.db, ref);
    if (!project || project.id !== c.var.token.projectId) {
      throw new PagewiseError("not_found", `No project '${ref}'.`);
    }
    c.set("project", project);
    await next();
  };
}
