import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { getDocument, listReviewQueue } from "@pagewise/storage";
import { audit } from "../audit";
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
    absent: z.array(z.string()).max(500).optional().openapi({
      description:
        'Fields marked "not in this document": known to have no value (a name cannot also be in `fields`)',
    }),
    complete: z.boolean().openapi({
      description:
        "A complete review makes the document `reviewed`; it must give a value or an `absent` mark for every required field of the category (else 422 `incomplete_review`)",
    }),
    split: z.enum(["train", "validation"]).optional().openapi({
      description:
        "Pin the document to a dataset split instead of the random one it would get at the next training run. Only while it has no split yet: a split never changes (else 409 `split_already_assigned`)",
    }),
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
    ...errorResponses(400, 403, 409, 422),
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
      cursor: z.string().optional().openapi({
        description: "`nextCursor` of the previous page: the same cost at any depth",
      }),
      offset: z.coerce.number().int().min(0).optional().openapi({
        description:
          "Deprecated (use `cursor`): skip this many; it reads every skipped entry, and ignored with `cursor`",
      }),
    }),
  },
  responses: {
    200: {
      description: "The queue",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(DocumentSchema),
            total: z.number().int(),
            /** When the longest-waiting document in the queue was uploaded (null: empty). */
            oldestAt: z.string().nullable(),
            nextCursor: z
              .string()
              .nullable()
              .openapi({ description: "Pass as `cursor` for the next page; null on the last" }),
          }),
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
    const review = c.req.valid("json");
    const saved = await saveReview(deps.db, {
      project: c.var.project,
      document,
      actor: c.var.actor,
      review,
    });
    await audit(deps.db, c, {
      action: review.complete ? "review.completed" : "review.saved",
      target: { type: "document", id: document.id },
      details: { reviewId: saved.id, category: saved.category, fields: review.fields.length },
    });
    const updated = await getDocument(deps.db, c.var.project.id, id);
    return c.json(await toDocumentView(deps.db, updated!), 200);
  });

  app.openapi(queueRoute, async (c) => {
    const query = c.req.valid("query");
    const { items, total, oldestAt, nextCursor } = await listReviewQueue(
      deps.db,
      c.var.project.id,
      query,
    );
    return c.json(
      { items: await toDocumentViews(deps.db, items), total, oldestAt, nextCursor },
      200,
    );
  });

  return app;
}
