import {
  createApiToken,
  createProject,
  type Db,
  findApiTokenBySecret,
  getProjectByName,
  listApiTokens,
  type Project,
} from "@pagewise/storage";

export const DEFAULT_PROJECT_NAME = "default";

/**
 * Make sure the `default` project and its admin token exist. With `adminToken` given, that exact
 * secret becomes (or stays) an admin token; without it, a token is generated on first start only
 * and returned so the caller can print it once.
 */
export async function bootstrapDefaultProject(
  db: Db,
  adminToken: string | undefined,
): Promise<{ project: Project; generatedToken: string | null }> {
  let project = await getProjectByName(db, DEFAULT_PROJECT_NAME);
  if (!project) {
    try {
      project = await createProject(db, { name: DEFAULT_PROJECT_NAME });
    } catch {
      // Another process created it at the same moment.
      project = await getProjectByName(db, DEFAULT_PROJECT_NAME);
    }
  }
  if (!project) throw new Error("Could not create the default project.");

  if (adminToken) {
    if (!(await findApiTokenBySecret(db, adminToken))) {
      await createApiToken(db, {
        projectId: project.id,
        role: "admin",
        name: "PAGEWISE_ADMIN_TOKEN",
        secret: adminToken,
      });
    }
    return { project, generatedToken: null };
  }
  const tokens = await listApiTokens(db, project.id);
  if (tokens.some((t) => t.role === "admin")) return { project, generatedToken: null };
  const { secret } = await createApiToken(db, {
    projectId: project.id,
    role: "admin",
    name: "generated at first start",
  });
  return { project, generatedToken: secret };
}
