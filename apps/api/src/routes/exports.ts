import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { findCategory, PagewiseError } from "@pagewise/core";
import { countDocuments, listDocumentsForExport } from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { csvLine, csvRow, exportColumns, exportRow, jsonlRow } from "../document-export-format";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import { DocumentFilterQuerySchema, documentFilters } from "../schemas/document-filters";

const tags = ["documents"];

/** Documents read from the database per batch while an export streams. */
export const EXPORT_BATCH = 500;

/** The response header with the number of documents an export holds (counted when it starts). */
export const TOTAL_COUNT_HEADER = "Pagewise-Total-Count";

const booleanFlag = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");

const ExportQuerySchema = DocumentFilterQuerySchema.extend({
  includeConfidence: booleanFlag.openapi({
    description: "Add a `<field>_confidence` column (JSONL: a `confidence` object)",
  }),
  bom: booleanFlag.openapi({ description: "CSV only: start with a UTF-8 byte order mark (Excel)" }),
});

const FORMATS = {
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { contentType: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
} as const;
type Format = keyof typeof FORMATS;

const description =
  "One row per document, oldest first, with the list's filters. Columns: `id`, `filename`, " +
  "`status`, `category`, `createdAt`, `source`, then one per field of the category's label " +
  "schema (the normalized value); without a `category` filter, the union of all categories' " +
  "fields. Values come from the latest complete review (`source` = `review`, or `import` for " +
  "imported labels), else from the models' prediction (`prediction`; `none` when there is " +
  "neither). The body is streamed in batches; the `Pagewise-Total-Count` header holds the number " +
  "of documents counted when the export started.";

function exportRoute(format: Format) {
  return createRoute({
    method: "get",
    path: `/v1/projects/{project}/exports/documents.${format}`,
    tags,
    summary:
      format === "csv"
        ? "Export documents and their values as CSV (RFC 4180)"
        : "Export documents and their values as JSON Lines",
    description:
      format === "csv"
        ? `${description} Cells that begin with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return get a leading \`'\` (spreadsheet formula injection). Lines end with CRLF.`
        : `${description} Each line is \`{ id, filename, status, category, createdAt, source, fields: { name: value|null }, confidence? }\`.`,
    request: { params: ProjectParamSchema, query: ExportQuerySchema },
    responses: {
      200: {
        description: "The export, streamed",
        headers: z.object({
          [TOTAL_COUNT_HEADER]: z.string().openapi({ description: "Documents in the export" }),
        }),
        content: {
          [FORMATS[format].contentType.split(";")[0]!]: {
            schema: z.any().openapi({ type: "string" }),
          },
        },
      },
      ...errorResponses(400),
    },
  });
}

export function exportRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  for (const format of Object.keys(FORMATS) as Format[]) {
    app.openapi(exportRoute(format), async (c) => {
      const query = c.req.valid("query");
      const filters = documentFilters(query);
      const project = c.var.project;
      if (filters.category && !findCategory(project.labelSchema, filters.category)) {
        throw new PagewiseError(
          "validation_failed",
          `The project's label schema has no category '${filters.category}'.`,
        );
      }
      const { fields, header } = exportColumns(
        project.labelSchema,
        filters.category,
        query.includeConfidence,
      );
      const total = await countDocuments(deps.db, project.id, filters);
      await audit(deps.db, c, {
        action: "documents.exported",
        details: { format, documents: total, filters },
      });
      const day = new Date().toISOString().slice(0, 10);
      c.header("Content-Type", FORMATS[format].contentType);
      c.header(
        "Content-Disposition",
        `attachment; filename="${project.name}-documents-${day}.${FORMATS[format].extension}"`,
      );
      c.header(TOTAL_COUNT_HEADER, String(total));
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cache-Control", "no-store");
      // Pulled, not pushed: the next batch is read from the database only when the client has
      // taken the previous one, so a slow reader slows the export down instead of piling
      // batches up in memory.
      const encoder = new TextEncoder();
      let cursor: string | undefined;
      let started = false;
      let done = false;
      const body = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              let chunk = "";
              if (!started) {
                started = true;
                if (format === "csv") chunk = `${query.bom ? "\uFEFF" : ""}${csvLine(header)}`;
              }
              if (!done) {
                const page = await listDocumentsForExport(deps.db, project.id, filters, {
                  limit: EXPORT_BATCH,
                  cursor,
                });
                for (const item of page.items) {
                  const row = exportRow(item, fields);
                  chunk +=
                    format === "csv"
                      ? csvRow(row, fields, query.includeConfidence)
                      : jsonlRow(row, query.includeConfidence);
                }
                cursor = page.nextCursor ?? undefined;
                done = cursor === undefined;
              }
              if (chunk) controller.enqueue(encoder.encode(chunk));
              if (done) controller.close();
            } catch (error) {
              // The status line has gone: the body is cut short (the connection fails), so the
              // client sees an incomplete transfer rather than a complete-looking file.
              deps.logger.error({ err: error, project: project.id, format }, "export failed");
              controller.error(error);
            }
          },
        },
        { highWaterMark: 0 },
      );
      return c.body(body, 200) as never;
    });
  }
  return app;
}
