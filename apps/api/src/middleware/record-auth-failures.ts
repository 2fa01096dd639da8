import { findApiTokenRowBySecret, recordAuditEvent } from "@pagewise/storage";
import type { MiddlewareHandler } from "hono";
import { requestOrigin } from "../audit";
import type { ApiDeps, AppEnv } from "../context";

/**
 * A refused sign-in (401) goes into a project's audit log when the project is certain: the
 * secret is a token of that project that no longer works (revoked). An unknown secret names no
 * project — and a project named in the path would let anyone fill any project's log — so it is
 * only counted by the rate limiter. Mounted before `requireToken`.
 */
export function recordAuthFailures(
  deps: Pick<ApiDeps, "db" | "logger">,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 401) return;
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match?.[1]) return;
    try {
      const token = await findApiTokenRowBySecret(deps.db, match[1]);
      if (!token) return;
      await recordAuditEvent(deps.db, {
        projectId: token.projectId,
        actor: { kind: "token", id: token.id, name: token.name },
        action: "auth.failed",
        target: { type: "token", id: token.id },
        details: {
          reason: token.revokedAt ? "revoked" : "refused",
          method: c.req.method,
          path: c.req.path,
        },
        ...requestOrigin(c),
      });
    } catch (err) {
      // The 401 stands; the missing entry is an error in the log, never silent.
      deps.logger.error({ err, path: c.req.path }, "audit: failed sign-in not recorded");
    }
  };
}
