import { PagewiseError, type Role, roleAtLeast } from "@pagewise/core";
import type { Context } from "hono";
import type { AppEnv } from "../context";

/** Throw 403 unless the caller has at least `role` in the request's project. */
export function requireRole(c: Context<AppEnv>, role: Role): void {
  const have = c.var.role;
  if (!roleAtLeast(have, role)) {
    const who = c.var.principal.kind === "token" ? "your token has" : "yours here is";
    throw new PagewiseError("forbidden", `This needs the '${role}' role; ${who} '${have}'.`);
  }
}
