import { z } from "@hono/zod-openapi";
import { DocumentStatusSchema, PagewiseError } from "@pagewise/core";
import type { DocumentFilters } from "@pagewise/storage";

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const instant = (description: string) =>
  z.string().max(40).regex(INSTANT, "an ISO-8601 date or date-time").optional().openapi({
    description,
    example: "2026-01-01",
  });

/** The filters the document list and the exports share (query parameters). */
export const DocumentFilterQuerySchema = z.object({
  status: DocumentStatusSchema.optional(),
  category: z.string().max(64).optional(),
  filename: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "Case-insensitive part of the filename" }),
  from: instant(
    "Created at or after: `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or an offset",
  ),
  to: instant("Created before (exclusive): `YYYY-MM-DD` (midnight UTC) or a date-time"),
});

/** The query's filters for storage, with `from`/`to` as the ISO-8601 UTC text stored rows use. */
export function documentFilters(query: z.infer<typeof DocumentFilterQuerySchema>): DocumentFilters {
  return {
    status: query.status,
    category: query.category,
    filename: query.filename,
    from: query.from === undefined ? undefined : toIso("from", query.from),
    to: query.to === undefined ? undefined : toIso("to", query.to),
  };
}

function toIso(name: string, value: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  // `2026-02-30` matches the pattern but names no day.
  if (
    Number.isNaN(date.getTime()) ||
    (value.length === 10 && !date.toISOString().startsWith(value))
  ) {
    throw new PagewiseError("validation_failed", `\`${name}\` is not a valid date: '${value}'.`);
  }
  return date.toISOString();
}
