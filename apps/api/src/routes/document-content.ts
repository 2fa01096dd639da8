import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError, TERMINAL_STATUSES } from "@pagewise/core";
import {
  describeActors,
  getDocument,
  getPageImageInfo,
  getPages,
  listDocumentEventsPage,
} from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import {
  DocumentParamSchema,
  errorResponses,
  NextCursorSchema,
  pageQuerySchema,
} from "../schemas/common";
import { LayoutResponseSchema } from "../schemas/document";

const tags = ["documents"];

const layoutRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents/{id}/layout",
  tags,
  summary: "Every word of every page with its box, confidence and line",
  request: { params: DocumentParamSchema },
  responses: {
    200: {
      description: "The layout",
      content: { "application/json": { schema: LayoutResponseSchema } },
    },
    ...errorResponses(409),
  },
});

const imageRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents/{id}/pages/{n}/image",
  tags,
  summary: "The page as a PNG image",
  description:
    "Scanned pages keep the image they were read from; text-layer pages are rendered in the " +
    "background after reading. A page asked for before its image exists is rendered now " +
    "(`503 unavailable` when the worker does not answer in time: retry).",
  request: {
    params: DocumentParamSchema.extend({ n: z.coerce.number().int().min(0).max(100_000) }),
  },
  responses: {
    200: {
      description: "PNG",
      content: { "image/png": { schema: z.any().openapi({ type: "string", format: "binary" }) } },
    },
    ...errorResponses(409, 503),
  },
});

const fileRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents/{id}/file",
  tags,
  summary: "The original file as uploaded",
  request: { params: DocumentParamSchema },
  responses: {
    200: {
      description: "The file",
      content: {
        "application/octet-stream": {
          schema: z.any().openapi({ type: "string", format: "binary" }),
        },
      },
    },
    ...errorResponses(),
  },
});

const eventsRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents/{id}/events",
  tags,
  summary: "The document's audit trail, oldest first",
  request: { params: DocumentParamSchema, query: pageQuerySchema(100, 500) },
  responses: {
    200: {
      description: "A page of events, oldest first",
      content: {
        "application/json": {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                type: z.string(),
                actor: z.string().nullable(),
                actorName: z.string().nullable(),
                data: z.record(z.string(), z.unknown()),
                createdAt: z.string(),
              }),
            ),
            nextCursor: NextCursorSchema,
          }),
        },
      },
    },
    ...errorResponses(),
  },
});

/** How long the API waits for the worker to render a page image on first request. */
const RENDER_TIMEOUT_MS = 60_000;

function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function documentContentRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  async function loadDocument(projectId: string, id: string) {
    const doc = await getDocument(deps.db, projectId, id);
    if (!doc) throw new PagewiseError("not_found", `No document '${id}'.`);
    return doc;
  }

  app.openapi(layoutRoute, async (c) => {
    const { id } = c.req.valid("param");
    const doc = await loadDocument(c.var.project.id, id);
    if (!TERMINAL_STATUSES.has(doc.status)) {
      throw new PagewiseError("conflict", `Document '${id}' is still ${doc.status}.`);
    }
    const pages = await getPages(deps.db, doc.id);
    return c.json(
      { coordinates: "normalized" as const, pages: pages.map(({ imageKey: _, ...page }) => page) },
      200,
    );
  });

  app.openapi(imageRoute, async (c) => {
    const { id, n } = c.req.valid("param");
    const doc = await loadDocument(c.var.project.id, id);
    if (doc.pageCount === null) {
      throw new PagewiseError("conflict", `Document '${id}' has not been read yet.`);
    }
    if (n >= doc.pageCount) throw new PagewiseError("not_found", `No page ${n} in '${id}'.`);
    let info = await getPageImageInfo(deps.db, doc.id, n);
    if (!info?.imageKey) {
      // Not rendered in the background yet (or an imported layout): the API never loads pdf.js,
      // so it asks the worker to render the page now, ahead of the background renders.
      try {
        await deps.producer.enqueueAndWait(
          "page.render",
          { documentId: doc.id, pageIndex: n },
          { timeoutMs: RENDER_TIMEOUT_MS },
        );
      } catch (err) {
        deps.logger.warn({ err, documentId: doc.id, page: n }, "page render failed");
        throw new PagewiseError("unavailable", "The page image could not be rendered right now.");
      }
      info = await getPageImageInfo(deps.db, doc.id, n);
    }
    const png = info?.imageKey ? await deps.blobs.get(info.imageKey) : null;
    if (!png) throw new PagewiseError("unavailable", "The page image is not available.");
    return c.body(png, 200, {
      "Content-Type": "image/png",
      "Cache-Control": "private, max-age=86400, immutable",
    });
  });

  app.openapi(fileRoute, async (c) => {
    const { id } = c.req.valid("param");
    const doc = await loadDocument(c.var.project.id, id);
    const bytes = await deps.blobs.get(doc.blobKey);
    if (!bytes) throw new PagewiseError("not_found", `The file of '${id}' is gone.`);
    await audit(deps.db, c, {
      action: "document.downloaded",
      target: { type: "document", id: doc.id },
      details: { sizeBytes: doc.sizeBytes },
    });
    return c.body(bytes, 200, {
      "Content-Type": doc.mime ?? "application/octet-stream",
      "Content-Disposition": contentDisposition(doc.filename),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
    });
  });

  app.openapi(eventsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const doc = await loadDocument(c.var.project.id, id);
    const page = await listDocumentEventsPage(deps.db, doc.id, c.req.valid("query"));
    const names = await describeActors(
      deps.db,
      page.items.map((e) => e.actor),
    );
    return c.json(
      {
        nextCursor: page.nextCursor,
        items: page.items.map((e) => ({
          id: e.id,
          type: e.type,
          actor: e.actor,
          actorName: (e.actor && names.get(e.actor)) ?? null,
          data: e.data,
          createdAt: e.createdAt,
        })),
      },
      200,
    );
  });

  return app;
}
