import {
  apiTokenSecretState,
  createApiToken,
  createProject,
  type Db,
  getProjectByName,
  listApiTokens,
  type Project,
} from "@pagewise/storage";

export const DEFAULT_PROJECT_NAME = "default";

/**
 * Make sure the `default` project and its admin token exist. With `adminToken` given, that exact
 * secret becomes (or stays) an admin token; without it, a token is generated on first start only
 * and returned so the caller can print it once. A revoked `adminToken` stays revoked: revoking is
 * how an admin retires a leaked secret, so a restart must not bring it back (nor fail to start);
 * `adminTokenRevoked` tells the caller to say so.
 */
export async function bootstrapDefaultProject(
  db: Db,
  adminToken: string | undefined,
): Promise<{ project: Project; generatedToken: string | null; adminTokenRevoked: boolean }> {
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
    const state = await apiTokenSecretState(db, adminToken);
    if (state === "unknown") {
      try {
        await createApiToken(db, {
          projectId: project.id,
          role: "admin",
          name: "PAGEWISE_ADMIN_TOKEN",
          secret: adminToken,
        });
      } catch (error) {
        // Another process started at the same moment and stored it first.
        if ((await apiTokenSecretState(db, adminToken)) === "unknown") throw error;
      }
    }
    return { project, generatedToken: null, adminTokenRevoked: state === "revoked" };
  }
  const tokens = await listApiTokens(db, project.id);
  if (tokens.some((t) => t.role === "admin")) {
    return { project, generatedToken: null, adminTokenRevoked: false };
  }
  const { secret } = await createApiToken(db, {
    projectId: project.id,
    role: "admin",
    name: "generated at first start",
  });
  return { project, generatedToken: secret, adminTokenRevoked: false };
}
