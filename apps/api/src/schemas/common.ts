import { z } from "@hono/zod-openapi";
import { ERROR_CODES } from "@pagewise/core";

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: "not_found" }),
      message: z.string().openapi({ example: "No document 'doc_…'." }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi("Error");

export const ProjectParamSchema = z.object({
  project: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: "Project id or name", example: "default" }),
});

export const DocumentParamSchema = ProjectParamSchema.extend({
  id: z.string().min(1).max(64).openapi({ example: "doc_01jf3x…" }),
});

/** Error responses every authenticated route can give. */
export function errorResponses(
  ...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503)[]
) {
  const descriptions: Record<number, string> = {
    400: "Invalid request",
    401: "Missing or unknown token",
    403: "The token's role does not allow this",
    404: "Not found (or in another project)",
    409: "Conflict with the current state",
    413: "Too large",
    415: "Unsupported media type",
    422: "Understood but not acceptable as it stands (e.g. an incomplete review)",
    429: "Too many requests (`rate_limited`), or over a project quota (`quota_exceeded`): see `Retry-After` (and the `RateLimit-*` headers of `rate_limited`)",
    503: "A dependency is unavailable",
  };
  return Object.fromEntries(
    [401, 404, 429, ...statuses].map((s) => [
      s,
      {
        description: descriptions[s] ?? "Error",
        content: { "application/json": { schema: ErrorResponseSchema } },
      },
    ]),
  );
}

/**
 * A registered component or null. `.nullable()` on a registered schema would make the component
 * itself nullable in the OpenAPI document (and every list of it `(T | null)[]` in clients).
 */
export function nullableRef<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

/** `limit` and `cursor` of every paged list; `defaultLimit`/`maxLimit` per list. */
export function pageQuerySchema(defaultLimit = 50, maxLimit = 200) {
  return z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit)
      .openapi({ description: `Items per page (1–${maxLimit}, default ${defaultLimit})` }),
    cursor: z
      .string()
      .max(400)
      .optional()
      .openapi({ description: "`nextCursor` of the previous page" }),
  });
}

/** The `nextCursor` of a page: null on the last one. */
export const NextCursorSchema = z
  .string()
  .nullable()
  .openapi({ description: "Pass as `cursor` for the next page; null on the last page" });
