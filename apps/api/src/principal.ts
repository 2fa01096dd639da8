import type { ApiToken, Session, User } from "@pagewise/storage";

/**
 * Who is calling, as the `principal` context variable (set on every `/v1` request by
 * `authenticate`):
 *
 * - `{ kind: "token", token, session? }`: an API token, sent as `Authorization: Bearer` (machines,
 *   the CLI) or carried by a browser session opened with the token sign-in form (`session` set).
 *   `c.var.token` is the same token.
 * - `{ kind: "user", user, session }`: a person signed in through OpenID Connect; their role
 *   depends on the project (`c.var.role` once a `{project}` is resolved). `c.var.token` is unset.
 *
 * `c.var.actor` is the id to record as who did something: the user's `usr_…` id for a person,
 * the token's `tok_…` id for a token (also when the token signed in a browser).
 */
export type Principal =
  | { kind: "token"; token: ApiToken; session?: Session }
  | { kind: "user"; user: User; session: Session; instanceAdmin: boolean };

/** The id recorded as the actor of what this principal does. */
export function principalActor(principal: Principal): string {
  return principal.kind === "token" ? principal.token.id : principal.user.id;
}
