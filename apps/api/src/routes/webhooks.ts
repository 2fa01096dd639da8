import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError, WEBHOOK_EVENT_TYPES, WebhookPayloadSchema } from "@pagewise/core";
import { checkWebhookUrl, jobIds } from "@pagewise/queue";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookDelivery,
  insertWebhookDelivery,
  listWebhookDeliveriesPage,
  listWebhooksPage,
  updateWebhook,
  type WebhookDelivery,
} from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import {
  errorResponses,
  NextCursorSchema,
  ProjectParamSchema,
  pageQuerySchema,
} from "../schemas/common";

const tags = ["webhooks"];

const EventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .openapi({ example: ["document.processed", "document.needs_review"] });

const UrlSchema = z
  .string()
  .min(1)
  .max(2_000)
  .openapi({ example: "https://hooks.example.com/pagewise" });

const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .openapi({ description: "`too_many_failures` or `disabled_by_user`; null while enabled" }),
    consecutiveFailures: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Webhook");

const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({ description: "The signing secret; shown only here" }),
}).openapi("CreatedWebhook");

const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    status: z.enum(["pending", "succeeded", "failed", "skipped"]),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    responseStatus: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    redeliveryOf: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    payload: WebhookPayloadSchema,
  })
  .openapi("WebhookDelivery");

const WebhookParamSchema = ProjectParamSchema.extend({
  webhookId: z.string().min(1).max(64).openapi({ example: "whk_01jf3x…" }),
});
const DeliveryParamSchema = WebhookParamSchema.extend({
  deliveryId: z.string().min(1).max(64).openapi({ example: "whd_01jf3x…" }),
});

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

const createRouteDef = createRoute({
  method: "post",
  path: "/v1/projects/{project}/webhooks",
  tags,
  summary: "Subscribe a URL to events of this project (admin); the secret is shown once",
  request: {
    params: ProjectParamSchema,
    body: {
      required: true,
      content: json(
        z.object({
          url: UrlSchema,
          events: EventsSchema,
          secret: z
            .string()
            .min(16)
            .max(200)
            .optional()
            .openapi({ description: "Your own signing secret; default: a generated one" }),
        }),
      ),
    },
  },
  responses: {
    201: { description: "Created", content: json(CreatedWebhookSchema) },
    ...errorResponses(400, 403, 422),
  },
});

const listRouteDef = createRoute({
  method: "get",
  path: "/v1/projects/{project}/webhooks",
  tags,
  summary: "The project's webhooks, oldest first, without secrets (admin)",
  request: { params: ProjectParamSchema, query: pageQuerySchema(50, 200) },
  responses: {
    200: {
      description: "A page of webhooks",
      content: json(z.object({ items: z.array(WebhookSchema), nextCursor: NextCursorSchema })),
    },
    ...errorResponses(400, 403),
  },
});

const getRouteDef = createRoute({
  method: "get",
  path: "/v1/projects/{project}/webhooks/{webhookId}",
  tags,
  summary: "One webhook (admin)",
  request: { params: WebhookParamSchema },
  responses: {
    200: { description: "The webhook", content: json(WebhookSchema) },
    ...errorResponses(403),
  },
});

const patchRouteDef = createRoute({
  method: "patch",
  path: "/v1/projects/{project}/webhooks/{webhookId}",
  tags,
  summary:
    "Change a webhook's URL or events, or enable it again after it was disabled (admin); only what is named changes",
  request: {
    params: WebhookParamSchema,
    body: {
      required: true,
      content: json(
        z.object({
          url: UrlSchema.optional(),
          events: EventsSchema.optional(),
          enabled: z
            .boolean()
            .optional()
            .openapi({ description: "true also clears the count of failed attempts" }),
        }),
      ),
    },
  },
  responses: {
    200: { description: "The webhook", content: json(WebhookSchema) },
    ...errorResponses(400, 403, 422),
  },
});

const deleteRouteDef = createRoute({
  method: "delete",
  path: "/v1/projects/{project}/webhooks/{webhookId}",
  tags,
  summary: "Delete a webhook and its delivery log (admin)",
  request: { params: WebhookParamSchema },
  responses: { 204: { description: "Deleted" }, ...errorResponses(403) },
});

const deliveriesRouteDef = createRoute({
  method: "get",
  path: "/v1/projects/{project}/webhooks/{webhookId}/deliveries",
  tags,
  summary: "The webhook's deliveries, newest first, with their last attempt (admin)",
  request: { params: WebhookParamSchema, query: pageQuerySchema(50, 200) },
  responses: {
    200: {
      description: "A page of deliveries",
      content: json(z.object({ items: z.array(DeliverySchema), nextCursor: NextCursorSchema })),
    },
    ...errorResponses(400, 403),
  },
});

const redeliverRouteDef = createRoute({
  method: "post",
  path: "/v1/projects/{project}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
  tags,
  summary:
    "Send a delivery's event again as a new delivery (same event id, fresh signature) (admin)",
  request: { params: DeliveryParamSchema },
  responses: {
    202: { description: "The new delivery, queued", content: json(DeliverySchema) },
    ...errorResponses(403, 409),
  },
});

function deliveryView(d: WebhookDelivery) {
  const { payload, webhookId: _w, projectId: _p, ...rest } = d;
  return { ...rest, payload: WebhookPayloadSchema.parse(JSON.parse(payload)) };
}

export function webhookRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const allowPrivate = deps.webhooks?.allowPrivate ?? false;

  const requireWebhook = async (projectId: string, id: string) => {
    const webhook = await getWebhook(deps.db, projectId, id);
    if (!webhook) throw new PagewiseError("not_found", `No webhook '${id}'.`);
    return webhook;
  };

  app.openapi(createRouteDef, async (c) => {
    requireRole(c, "admin");
    const body = c.req.valid("json");
    const url = (await checkWebhookUrl(body.url, { allowPrivate })).toString();
    const { webhook, secret } = await deps.db.transaction().execute(async (trx) => {
      const created = await createWebhook(trx, {
        projectId: c.var.project.id,
        url,
        events: body.events,
        secret: body.secret,
        createdBy: c.var.actor,
      });
      await audit(trx, c, {
        action: "webhook.created",
        target: { type: "webhook", id: created.webhook.id },
        details: { url, events: created.webhook.events },
      });
      return created;
    });
    const { projectId: _, ...view } = webhook;
    return c.json({ ...view, secret }, 201);
  });

  app.openapi(listRouteDef, async (c) => {
    requireRole(c, "admin");
    const page = await listWebhooksPage(deps.db, c.var.project.id, c.req.valid("query"));
    return c.json(
      { items: page.items.map(({ projectId: _, ...w }) => w), nextCursor: page.nextCursor },
      200,
    );
  });

  app.openapi(getRouteDef, async (c) => {
    requireRole(c, "admin");
    const { projectId: _, ...view } = await requireWebhook(
      c.var.project.id,
      c.req.valid("param").webhookId,
    );
    return c.json(view, 200);
  });

  app.openapi(patchRouteDef, async (c) => {
    requireRole(c, "admin");
    const { webhookId } = c.req.valid("param");
    const body = c.req.valid("json");
    await requireWebhook(c.var.project.id, webhookId);
    const url =
      body.url === undefined
        ? undefined
        : (await checkWebhookUrl(body.url, { allowPrivate })).toString();
    const updated = await deps.db.transaction().execute(async (trx) => {
      const changed = await updateWebhook(trx, c.var.project.id, webhookId, {
        url,
        events: body.events,
        enabled: body.enabled,
      });
      await audit(trx, c, {
        action: "webhook.updated",
        target: { type: "webhook", id: webhookId },
        details: { url, events: body.events, enabled: body.enabled },
      });
      return changed;
    });
    if (!updated) throw new PagewiseError("not_found", `No webhook '${webhookId}'.`);
    const { projectId: _, ...view } = updated;
    return c.json(view, 200);
  });

  app.openapi(deleteRouteDef, async (c) => {
    requireRole(c, "admin");
    const { webhookId } = c.req.valid("param");
    const deleted = await deps.db.transaction().execute(async (trx) => {
      if (!(await deleteWebhook(trx, c.var.project.id, webhookId))) return false;
      await audit(trx, c, {
        action: "webhook.deleted",
        target: { type: "webhook", id: webhookId },
      });
      return true;
    });
    if (!deleted) throw new PagewiseError("not_found", `No webhook '${webhookId}'.`);
    return c.body(null, 204);
  });

  app.openapi(deliveriesRouteDef, async (c) => {
    requireRole(c, "admin");
    const { webhookId } = c.req.valid("param");
    await requireWebhook(c.var.project.id, webhookId);
    const page = await listWebhookDeliveriesPage(deps.db, webhookId, c.req.valid("query"));
    return c.json({ items: page.items.map(deliveryView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(redeliverRouteDef, async (c) => {
    requireRole(c, "admin");
    const { webhookId, deliveryId } = c.req.valid("param");
    const webhook = await requireWebhook(c.var.project.id, webhookId);
    if (!webhook.enabled) {
      throw new PagewiseError(
        "conflict",
        `Webhook '${webhookId}' is disabled: enable it first (PATCH { "enabled": true }).`,
      );
    }
    const original = await getWebhookDelivery(deps.db, webhookId, deliveryId);
    if (!original) throw new PagewiseError("not_found", `No delivery '${deliveryId}'.`);
    const event = WebhookPayloadSchema.parse(JSON.parse(original.payload));
    const delivery = await deps.db.transaction().execute(async (trx) => {
      const made = await insertWebhookDelivery(trx, {
        webhookId,
        event,
        redeliveryOf: original.id,
      });
      await audit(trx, c, {
        action: "webhook.redelivered",
        target: { type: "webhook", id: webhookId },
        details: { deliveryId: original.id, redeliveryId: made?.id ?? null },
      });
      return made;
    });
    if (!delivery) throw new PagewiseError("internal", "The redelivery was not stored.");
    // After the commit: a job never names a delivery that is not there. Should this enqueue
    // fail, the worker's dispatcher adds the job of an overdue pending delivery.
    await deps.producer.enqueue(
      "webhook.deliver",
      { deliveryId: delivery.id, attempt: 1 },
      { jobId: jobIds.webhookDelivery(delivery.id, 1) },
    );
    return c.json(deliveryView(delivery), 202);
  });

  return app;
}
