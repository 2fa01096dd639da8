import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  ImportLayoutSchema,
  type LabelSchema,
  type Layout,
  normalizeImportedLayout,
  PagewiseError,
} from "@pagewise/core";
import {
  DOCUMENT_SORTS,
  getDocument,
  type ImportLabels,
  listDocuments,
  removeDocument,
  scrubDeletedRows,
  searchableText,
  searchSnippet,
} from "@pagewise/storage";
import { auditEntry } from "../audit";
import { checkLabelsAgainstSchema } from "../check-labels";
import type { ApiDeps, AppEnv } from "../context";
import { toDocumentView, toDocumentViews } from "../document-view";
import { requireRole } from "../middleware/require-role";
import { receiveMultipart } from "../receive-multipart";
import { DocumentParamSchema, errorResponses, ProjectParamSchema } from "../schemas/common";
import { DocumentListSchema, DocumentSchema, UploadResultSchema } from "../schemas/document";
import { DocumentFilterQuerySchema, documentFilters } from "../schemas/document-filters";
import { checkReadable, commitUploads } from "../upload-document";
import { validationHook } from "../validation-hook";

const tags = ["documents"];

const uploadRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/documents",
  tags,
  summary: "Upload one or more documents (PDF, PNG, JPEG, TIFF, XML e-invoice)",
  description:
    "Multipart field `file` (repeat it for several files). Optional field `layout`: a JSON layout " +
    "read elsewhere (one file only), whose pages are then not read again. Optional header " +
    "`Idempotency-Key`: the same key and bytes return the same document. Every file is checked " +
    "by its bytes before any is stored: one that is not a PDF, PNG, JPEG or TIFF, nor an XML " +
    "e-invoice (CII or UBL, by its root element; see docs/einvoices.md), refuses the " +
    "whole request with 415 `unsupported_type` (an empty one with 400 `empty_file`), and nothing " +
    "is stored.",
  request: {
    params: ProjectParamSchema,
    headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
    body: {
      required: true,
      content: {
        // A plain schema, not zod: the handler streams the body to the blob store itself (a zod
        // form schema would make the validator read every file into memory first).
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: {
              file: { type: "string", format: "binary" },
              layout: { type: "string", description: "JSON, see ImportLayout" },
              labels: {
                type: "string",
                description:
                  "JSON `{ category, fields: [{ name, value, tokenIds? }], split? }`: ground truth for an " +
                  "imported document (reviewer role). The document ends `reviewed` and becomes training " +
                  "data; `split` (`train` or `validation`) pins its dataset split instead of a random one.",
              },
            },
          },
        },
      },
    },
  },
  responses: {
    202: {
      description: "Accepted: the documents are queued",
      content: { "application/json": { schema: UploadResultSchema } },
    },
    ...errorResponses(400, 403, 409, 413, 415),
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/documents",
  tags,
  summary: "List documents, newest first, or search them",
  description:
    "`q`: full-text search over the documents' text, field values and file names; a document " +
    "must hold every word (case and punctuation inside a word do not matter: `D.I.Y` " +
    "finds `DIY`). Whole words only: no prefixes, no fuzzy matching. With `q`, items carry " +
    "`search.score` and `search.snippet`, and the default order is `relevance`. `sort`: " +
    "`-created` (default), `created`, `filename`, `-filename`, `status`, `-status`, `relevance` " +
    "(only with `q`). A cursor belongs to the query and sort it came from.",
  request: {
    params: ProjectParamSchema,
    query: DocumentFilterQuerySchema.extend({
      q: z.string().min(1).max(500).optional(),
      sort: z.enum(DOCUMENT_SORTS).optional(),
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
  summary: "Delete a document with its pages, page images, results, reviews and events",
  description:
    "The original and the page images are removed unless another document shares the same " +
    "bytes. Dataset snapshots and model versions trained on the document stay (lineage).",
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
  split: z.enum(["train", "validation"]).optional(),
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

const NO_FILE_MESSAGE =
  "No file to upload: send the document as multipart/form-data in a field named `file` " +
  "(repeat the field for several files).";

export function documentRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    uploadRoute,
    async (c) => {
      requireRole(c, "uploader");
      // Files go to the blob store as they arrive; none is visible before every one is judged.
      const received = await receiveMultipart(c.req.raw, deps.blobs, {
        fileField: "file",
        maxFileBytes: deps.limits.maxFileBytes,
        maxFiles: deps.limits.maxFilesPerRequest,
        maxFieldBytes: deps.limits.maxFileBytes,
      }).catch((error: unknown) => {
        if (error instanceof PagewiseError && error.code === "validation_failed") {
          throw new PagewiseError("validation_failed", NO_FILE_MESSAGE);
        }
        throw error;
      });
      const documents = [];
      try {
        const files = received.files;
        if (files.length === 0) throw new PagewiseError("validation_failed", NO_FILE_MESSAGE);
        // Every file is checked before any is stored: one unreadable file refuses the request.
        checkReadable(files);
        const layout = parseLayoutField(received.field("layout"));
        const labels = parseLabelsField(received.field("labels"), c.var.project.labelSchema);
        if ((layout || labels) && files.length > 1) {
          throw new PagewiseError(
            "validation_failed",
            "A `layout` or `labels` goes with exactly one file.",
          );
        }
        if (labels) requireRole(c, "reviewer");
        const key = c.req.valid("header")["idempotency-key"];
        const keyOf = (i: number) => (key ? (files.length > 1 ? `${key}#${i}` : key) : undefined);
        const uploaded = await commitUploads(deps, received, {
          projectId: c.var.project.id,
          actor: c.var.actor,
          quotas: c.var.project.settings.quotas,
          idempotencyKey: (file) => keyOf(file.index),
          layout,
          labels,
          audit: (doc) =>
            auditEntry(c, {
              action: "document.uploaded",
              target: { type: "document", id: doc.id },
              details: {
                sizeBytes: doc.sizeBytes,
                mime: doc.mime,
                sha256: doc.sha256,
                importedLayout: layout !== undefined,
                labeled: labels !== undefined,
              },
            }),
        });
        for (const { document, created } of uploaded) {
          documents.push({
            id: document.id,
            status: document.status,
            filename: document.filename,
            duplicate: !created,
          });
        }
      } catch (error) {
        await received.discard();
        throw error;
      }
      return c.json({ documents }, 202);
    },
    // A missing file is the one mistake every new client makes: answer it in plain words.
    (result) => {
      if (!result.success && result.error.issues.some((i) => i.path[0] === "file")) {
        throw new PagewiseError("validation_failed", NO_FILE_MESSAGE);
      }
      validationHook(result);
      return undefined;
    },
  );

  app.openapi(listRoute, async (c) => {
    const { limit, cursor, q, sort, ...filters } = c.req.valid("query");
    const page = await listDocuments(deps.db, c.var.project.id, {
      ...documentFilters(filters),
      q,
      sort,
      limit,
      cursor,
    });
    const views = await toDocumentViews(deps.db, page.items);
    if (q === undefined) return c.json({ items: views, nextCursor: page.nextCursor }, 200);
    // Snippets for this page only, from each document's decrypted text (the index holds none).
    const items = await Promise.all(
      views.map(async (view) => {
        const text = await searchableText(deps.db, view.id);
        return {
          ...view,
          search: {
            score: page.scores.get(view.id) ?? 0,
            snippet: text ? searchSnippet(text, q) : null,
          },
        };
      }),
    );
    return c.json({ items, nextCursor: page.nextCursor }, 200);
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
    const removed = await removeDocument(deps, {
      // The deletion and its audit-log entry commit together (the filename is not kept).
      audit: (doc) =>
        auditEntry(c, {
          action: "document.deleted",
          target: { type: "document", id: doc.id },
          details: { sizeBytes: doc.sizeBytes, mime: doc.mime, status: doc.status },
        }),
      projectId: c.var.project.id,
      documentId: id,
      actor: c.var.actor,
    });
    if (!removed) throw new PagewiseError("not_found", `No document '${id}'.`);
    if (removed.eventError) {
      deps.logger.warn(
        { err: removed.eventError.message, documentId: id },
        "deletion event not recorded",
      );
    }
    const scrub = await scrubDeletedRows(deps.db, deps.diskReserve);
    if (!scrub.complete) deps.logger.debug({ documentId: id }, "WAL checkpoint deferred");
    return c.body(null, 204);
  });

  return app;
}
