import { PagewiseError } from "@pagewise/core";
import { findApiTokenBySecret, touchApiToken } from "@pagewise/storage";
import type { MiddlewareHandler } from "hono";
import type { ApiDeps, AppEnv } from "../context";

/** Every `/v1` request carries `Authorization: Bearer <token>`; the token's row rides along. */
export function requireToken(deps: Pick<ApiDeps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new PagewiseError("unauthorized", "Send an API token: Authorization: Bearer <token>.");
    }
    const token = await findApiTokenBySecret(deps.db, match[1]);
    if (!token) throw new PagewiseError("unauthorized", "This API token is unknown or revoked.");
    c.set("token", token);
    await touchApiToken(deps.db, token);
    await next();
  };
}
