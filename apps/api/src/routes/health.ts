import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../context";

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "The process is alive",
  responses: {
    200: {
      description: "Alive",
      content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } },
    },
  },
});

const ReadySchema = z.object({
  /**
   * `degraded`: serving, but the data folder's disk is below `PAGEWISE_MIN_FREE_DISK_BYTES`
   * (uploads may be refused with `507 insufficient_storage` while reads and deletes keep working),
   * or the consume folder cannot be consumed (`consume.ok` false).
   */
  status: z.enum(["ready", "degraded", "not_ready"]),
  database: z.boolean(),
  redis: z.boolean(),
  /** The S3 bucket answers (only when blobs live in S3): false makes the status `not_ready`. */
  objectStore: z.boolean().optional(),
  disk: z
    .object({ ok: z.boolean(), freeBytes: z.number().int(), minFreeBytes: z.number().int() })
    .optional(),
  /**
   * The consume folder (only when PAGEWISE_CONSUME_DIR is set): `ok` false (missing or not
   * writable) makes the status `degraded`; `active` is true on the one API process that holds
   * the consume lease and scans. Counts are this process's since it started.
   */
  consume: z
    .object({
      ok: z.boolean(),
      active: z.boolean(),
      problem: z.string().nullable(),
      lastScanAt: z.string().nullable(),
      pending: z.number().int(),
      consumed: z.number().int(),
      duplicates: z.number().int(),
      failed: z.number().int(),
    })
    .optional(),
});

const readyRoute = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary:
    "The database, Redis and the S3 bucket (if any) are reachable, the disk has room, the consume folder is usable",
  responses: {
    200: {
      description:
        "Ready, or degraded (low disk: still serving, deleting frees space; or an unusable consume folder)",
      content: { "application/json": { schema: ReadySchema } },
    },
    503: { description: "Not ready", content: { "application/json": { schema: ReadySchema } } },
  },
});

export function healthRoutes(deps: Pick<ApiDeps, "checkReady">) {
  const app = new OpenAPIHono();
  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const checks = await deps.checkReady();
    const ok = checks.database && checks.redis && checks.objectStore !== false;
    // Low disk does not take the API out of rotation: reads and deletes (which free space) must
    // stay reachable.
    if (!ok) return c.json({ status: "not_ready" as const, ...checks }, 503);
    const degraded = (checks.disk && !checks.disk.ok) || (checks.consume && !checks.consume.ok);
    const status = degraded ? ("degraded" as const) : ("ready" as const);
    return c.json({ status, ...checks }, 200);
  });
  return app;
}
