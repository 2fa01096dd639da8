import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { getDocument, listReviewQueue } from "@pagewise/storage";
import type { ApiDeps, AppEnv } from "../context";
import { toDocumentView, toDocumentViews } from "../document-view";
import { requireRole } from "../middleware/require-role";
import { saveReview } from "../save-review";
import { DocumentParamSchema, errorResponses, ProjectParamSchema } from "../schemas/common";
import { DocumentSchema } from "../schemas/document";

const tags = ["review"];

const ReviewBodySchema = z
  .object({
    category: z
      .string()
      .optional()
      .openapi({ description: "Change the category; default: the predicted one" }),
    fields: z
      .array(
        z.object({
          name: z.string(),
          value: z.string().max(10_000),
          tokenIds: z.array(z.string()).max(2_000).optional().openapi({
            description:
              "The tokens that hold the value; without them the value is aligned to the page",
          }),
        }),
      )
      .max(500),
    complete: z
      .boolean()
      .openapi({ description: "A complete review makes the document `reviewed`" }),
  })
  .openapi("ReviewInput");

const putReviewRoute = createRoute({
  method: "put",
  path: "/v1/projects/{project}/documents/{id}/review",
  tags,
  summary: "Save a review: the document's true category and fields (reviewer)",
  request: {
    params: DocumentParamSchema,
    body: { required: true, content: { "application/json": { schema: ReviewBodySchema } } },
  },
  responses: {
    200: { description: "Saved", content: { "application/json": { schema: DocumentSchema } } },
    ...errorResponses(400, 403, 409),
  },
});

const queueRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/review-queue",
  tags,
  summary: "Documents to review, lowest confidence first, with sampled confident ones for audit",
  request: {
    params: ProjectParamSchema,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: {
    200: {
      description: "The queue",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(DocumentSchema), total: z.number().int() }),
        },
      },
    },
    ...errorResponses(400),
  },
});

export function reviewRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(putReviewRoute, async (c) => {
    requireRole(c, "reviewer");
    const { id } = c.req.valid("param");
    const document = await getDocument(deps.db, c.var.project.id, id);
    if (!document) throw new PagewiseError("not_found", `No document '${id}'.`);
    await saveReview(deps.db, {
      project: c.var.project,
      document,
      actor: c.var.token.id,
      review: c.req.valid("json"),
    });
    const updated = await getDocument(deps.db, c.var.project.id, id);
    return c.json(await toDocumentView(deps.db, updated!), 200);
  });

  app.openapi(queueRoute, async (c) => {
    const query = c.req.valid("query");
    const { items, total } = await listReviewQueue(deps.db, c.var.project.id, query);
    return c.json({ items: await toDocumentViews(deps.db, items), total }, 200);
  });

  return app;
}
