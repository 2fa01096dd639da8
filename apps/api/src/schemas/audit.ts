import { z } from "@hono/zod-openapi";
import { NextCursorSchema, pageQuerySchema } from "./common";

const isoTime = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO-8601 time")
  .transform((s) => new Date(s).toISOString());

export const AuditEventQuerySchema = pageQuerySchema(50, 200).extend({
  action: z.string().max(100).optional().openapi({
    description: "An exact action (`token.created`) or a prefix ending in `*` (`token.*`)",
  }),
  actor: z.string().max(64).optional().openapi({ description: "An actor id (`tok_…`)" }),
  targetId: z.string().max(100).optional(),
  since: isoTime.optional().openapi({ description: "ISO-8601 time, inclusive" }),
  until: isoTime.optional().openapi({ description: "ISO-8601 time, exclusive" }),
});

export const AuditEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(["token", "user", "system", "anonymous"]),
      id: z.string().nullable(),
      name: z.string().nullable(),
    }),
    action: z.string().openapi({ example: "token.created" }),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    details: z.record(z.string(), z.unknown()),
    remoteAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .openapi("AuditEvent");

export const AuditEventListSchema = z
  .object({ items: z.array(AuditEventSchema), nextCursor: NextCursorSchema })
  .openapi("AuditEventList");
