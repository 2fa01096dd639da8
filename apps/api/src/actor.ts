import type { AuditActor } from "@pagewise/storage";
import type { Context } from "hono";
import type { AppEnv } from "./context";

/**
 * Who is acting on this request, for the audit log: a signed-in person (`usr_…`) or an API
 * token (`tok_…`, also when a token signed in a browser). Every audited route takes its actor
 * from here.
 */
export function actorOf(c: Context<AppEnv>): AuditActor {
  const principal = c.var.principal;
  if (principal.kind === "user") {
    const { user } = principal;
    return { kind: "user", id: user.id, name: user.name ?? user.email ?? user.id };
  }
  return { kind: "token", id: principal.token.id, name: principal.token.name };
}
