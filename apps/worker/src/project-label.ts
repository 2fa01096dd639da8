import { getProjectById } from "@pagewise/storage";
import type { WorkerDeps } from "./deps";

const names = new Map<string, string>();

/**
 * The `project` label of a metric: the project's name (names never change, so one lookup per
 * project and process), or its id when the project is gone.
 */
export async function projectLabel(
  deps: Pick<WorkerDeps, "db">,
  projectId: string,
): Promise<string> {
  const known = names.get(projectId);
  if (known) return known;
  const project = await getProjectById(deps.db, projectId);
  if (!project) return projectId;
  names.set(projectId, project.name);
  return project.name;
}
