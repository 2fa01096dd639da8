import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  DocumentStatusSchema,
  ImportLayoutSchema,
  type LabelSchema,
  type Layout,
  normalizeImportedLayout,
  PagewiseError,
} from "@pagewise/core";
import {
  countDocumentsWithBlob,
  deleteDocument,
  getDocument,
  type ImportLabels,
  listDocuments,
  recordEvent,
} from "@pagewise/storage";
import { checkLabelsAgainstSchema } from "../check-labels";
import type { ApiDeps, AppEnv } from "../context";
import { toDocumentView, toDocumentViews } from "../document-view";
import { requireRole } from "../middleware/require-role";
import { DocumentParamSchema, errorResponses, ProjectParamSchema } from "../schemas/common";
import { DocumentListSchema, DocumentSchema, UploadResultSchema } from "../schemas/document";
import { uploadDocument } from "../upload-document";

const tags = ["documents"];

const uploadRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/documents",
  tags,
  summary: "Upload one or more documents (PDF, PNG, JPEG, TIFF)",
  description:
    "Multipart field `file` (repeat it for several files). Optional field `layout`: a JSON layout " +
    "read elsewhere (one file only), whose pages are then not read again. Optional header " +
    "`Idempotency-Key`: the same key and bytes return the same document.",
  request: {
    params: ProjectParamSchema,
    headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.any().openapi({ type: "string", format: "binary" }),
            layout: z.string().optional().openapi({ description: "JSON, see ImportLayout" }),
            labels: z
              .string()
              .optional()
              .openapi({
                description:
                  "JSON `{ category, fields: [{ name, value, tokenIds? }] }`: ground truth for an imported " +
                  "document (reviewer role). The document ends `reviewed` and becomes training data.",
              }),
          }),
        },
      },
    },
  },
  responses: {
    202: {
      description: "Accepted: the documents are queued",
      content: { "application/json": { schema: UploadResultSchema } },
    },
    ...errorResponses(400, 403, 409, 413),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents",
  tags,
  summary: "List documents, newest first",
  request: {
    params: ProjectParamSchema,
    query: z.object({
      status: DocumentStatusSchema.optional(),
      category: z.string().max(64).optional(),
      filename: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(200).optional(),
    }),
  },
  responses: {
    200: {
      description: "A page of documents",
      content: { "application/json": { schema: DocumentListSchema } },
    },
    ...errorResponses(400),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents/{id}",
  tags,
  summary: "One document with its status, category and fields",
  request: { params: DocumentParamSchema },
  responses: {
    200: {
      description: "The document",
      content: { "application/json": { schema: DocumentSchema } },
    },
    ...errorResponses(),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/v1/projects/{project}/documents/{id}",
  tags,
  summary: "Delete a document, its pages and (when no other document shares it) its file",
  request: { params: DocumentParamSchema },
  responses: { 204: { description: "Deleted" }, ...errorResponses(403) },
});

function parseLayoutField(value: unknown): Layout | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new PagewiseError("validation_failed", "The `layout` field must be JSON text.");
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new PagewiseError("validation_failed", "The `layout` field is not valid JSON.");
  }
  const parsed = ImportLayoutSchema.safeParse(json);
  if (!parsed.success) {
    throw new PagewiseError(
      "validation_failed",
      "The `layout` field does not match ImportLayout.",
      {
        issues: parsed.error.issues.slice(0, 10),
      },
    );
  }
  return normalizeImportedLayout(parsed.data);
}

const ImportLabelsSchema = z.object({
  category: z.string(),
  fields: z.array(
    z.object({ name: z.string(), value: z.string(), tokenIds: z.array(z.string()).optional() }),
  ),
});

function parseLabelsField(value: unknown, schema: LabelSchema): ImportLabels | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(String(value));
  } catch {
    throw new PagewiseError("validation_failed", "The `labels` field is not valid JSON.");
  }
  const parsed = ImportLabelsSchema.safeParse(json);
  if (!parsed.success) {
    throw new PagewiseError("validation_failed", "The `labels` field does not match its schema.");
  }
  checkLabelsAgainstSchema(schema, parsed.data.category, parsed.data.fields);
  return parsed.data;
}

export function documentRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(uploadRoute, async (c) => {
    requireRole(c, "uploader");
    const body = await c.req.parseBody({ all: true });
    const files = [body.file ?? []].flat().filter((f): f is File => f instanceof File);
    if (files.length === 0) {
      throw new PagewiseError("validation_failed", "Send at least one file in the `file` field.");
    }
    if (files.length > deps.limits.maxFilesPerRequest) {
      throw new PagewiseError(
        "payload_too_large",
        `At most ${deps.limits.maxFilesPerRequest} files per request.`,
      );
    }
    const tooBig = files.find((f) => f.size > deps.limits.maxFileBytes);
    if (tooBig) {
      throw new PagewiseError(
        "file_too_large",
        `'${tooBig.name}' is ${tooBig.size} bytes; the limit is ${deps.limits.maxFileBytes}.`,
      );
    }
    const layout = parseLayoutField(Array.isArray(body.layout) ? body.layout[0] : body.layout);
    const labels = parseLabelsField(
      Array.isArray(body.labels) ? body.labels[0] : body.labels,
      c.var.project.labelSchema,
    );
    if ((layout || labels) && files.length > 1) {
      throw new PagewiseError(
        "validation_failed",
        "A `layout` or `labels` goes with exactly one file.",
      );
    }
    if (labels) requireRole(c, "reviewer");
    const key = c.req.valid("header")["idempotency-key"];
    const documents = [];
    for (const [i, file] of files.entries()) {
      const { document, created } = await uploadDocument(deps, {
        projectId: c.var.project.id,
        filename: file.name || "upload",
        bytes: new Uint8Array(await file.arrayBuffer()),
        idempotencyKey: key ? (files.length > 1 ? `${key}#${i}` : key) : undefined,
        layout,
        labels,
        actor: c.var.token.id,
      });
      documents.push({
        id: document.id,
        status: document.status,
        filename: document.filename,
        duplicate: !created,
      });
    }
    return c.json({ documents }, 202);
  });

  app.openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const page = await listDocuments(deps.db, c.var.project.id, query);
    return c.json(
      { items: await toDocumentViews(deps.db, page.items), nextCursor: page.nextCursor },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const doc = await getDocument(deps.db, c.var.project.id, id);
    if (!doc) throw new PagewiseError("not_found", `No document '${id}'.`);
    return c.json(await toDocumentView(deps.db, doc), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    requireRole(c, "uploader");
    const { id } = c.req.valid("param");
    const doc = await deleteDocument(deps.db, c.var.project.id, id);
    if (!doc) throw new PagewiseError("not_found", `No document '${id}'.`);
    // Blobs are content-addressed: another document may hold the same bytes.
    if ((await countDocumentsWithBlob(deps.db, doc.blobKey)) === 0) {
      await deps.blobs.delete(doc.blobKey);
    }
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "document.deleted",
      actor: c.var.token.id,
      data: { documentId: id },
    });
    return c.body(null, 204);
  });

  return app;
}
