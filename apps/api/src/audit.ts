import type { Db, NewAuditEvent } from "@pagewise/storage";
import { recordAuditEvent } from "@pagewise/storage";
import type { Context } from "hono";
import { actorOf } from "./actor";
import type { AppEnv } from "./context";
import { remoteAddress } from "./remote-address";

export interface AuditInput {
  action: string;
  target?: { type: string; id: string } | null;
  details?: Record<string, unknown>;
  /** Defaults to the request's project. */
  projectId?: string;
}

/** From where: the client's address and user agent. */
export function requestOrigin(c: Context): {
  remoteAddress: string | null;
  userAgent: string | null;
} {
  return {
    remoteAddress: remoteAddress(c) ?? null,
    userAgent: c.req.header("user-agent") ?? null,
  };
}

/** An audit-log entry for this request: its actor, its project and where it came from. */
export function auditEntry(c: Context<AppEnv>, input: AuditInput): NewAuditEvent {
  return {
    projectId: input.projectId ?? c.var.project.id,
    actor: actorOf(c),
    action: input.action,
    target: input.target ?? null,
    details: input.details ?? {},
    ...requestOrigin(c),
  };
}

/**
 * Write the entry (pass a transaction as `db` to write it with the change). A failure is not
 * swallowed: it reaches the error handler, which logs it and answers 500.
 */
export async function audit(db: Db, c: Context<AppEnv>, input: AuditInput): Promise<void> {
  await recordAuditEvent(db, auditEntry(c, input));
}
