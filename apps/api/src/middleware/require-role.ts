import { PagewiseError, type Role, roleAtLeast } from "@pagewise/core";
import type { Context } from "hono";
import type { AppEnv } from "../context";

/** Throw 403 unless the request's token has at least `role` in its project. */
export function requireRole(c: Context<AppEnv>, role: Role): void {
  const token = c.var.token;
  if (!roleAtLeast(token.role, role)) {
    throw new PagewiseError(
      "forbidden",
      `This needs the '${role}' role; your token has '${token.role}'.`,
    );
  }
}
