import { type Db, getProjectByName } from "@pagewise/storage";
import type { AuthConfig } from "./auth-config";
import { DEFAULT_PROJECT_NAME } from "./bootstrap";
import type { Principal } from "./principal";

/** Whether this email is one of `PAGEWISE_OIDC_ADMIN_EMAILS` (admins of every project). */
export function isAdminEmail(auth: AuthConfig, email: string | null): boolean {
  return email !== null && auth.adminEmails.has(email.toLowerCase());
}

/**
 * The instance admin sees across projects (creating projects, the queue dashboard): an admin
 * token of the `default` project, or a person whose email is in `PAGEWISE_OIDC_ADMIN_EMAILS`.
 */
export async function isInstanceAdmin(db: Db, principal: Principal): Promise<boolean> {
  if (principal.kind === "user") return principal.instanceAdmin;
  const { token } = principal;
  if (token.role !== "admin") return false;
  const home = await getProjectByName(db, DEFAULT_PROJECT_NAME);
  return home !== undefined && home !== null && token.projectId === home.id;
}
