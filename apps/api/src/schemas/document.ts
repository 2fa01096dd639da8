import { z } from "@hono/zod-openapi";
import {
  BoxSchema,
  DocumentStatusSchema,
  ERROR_CODES,
  ExtractedFieldSchema,
  PageSourceSchema,
} from "@pagewise/core";
import { nullableRef } from "./common";

export const ReviewSchema = z
  .object({
    id: z.string(),
    actor: z.string(),
    source: z.enum(["review", "import"]),
    complete: z.boolean(),
    category: z.string().nullable(),
    createdAt: z.string(),
    fields: z.array(
      z.object({
        name: z.string(),
        value: z.string(),
        tokenIds: z.array(z.string()),
        page: z.number().int().nullable(),
        box: BoxSchema.nullable(),
        verdict: z.enum(["accepted", "corrected", "added"]).nullable(),
      }),
    ),
  })
  .openapi("Review");

export const DocumentSchema = z
  .object({
    id: z.string(),
    status: DocumentStatusSchema,
    filename: z.string(),
    mime: z.string().nullable(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    pageCount: z.number().int().nullable(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
    category: z
      .object({
        name: z.string(),
        confidence: z.number(),
        modelVersion: z.number().int().nullable(),
      })
      .nullable(),
    /** The models' predictions. */
    fields: z.array(ExtractedFieldSchema.extend({ modelVersion: z.number().int().nullable() })),
    /** Lowest confidence among the predictions (the review queue sorts by it). */
    minConfidence: z.number().nullable(),
    /** The latest review (one-document responses only; null in lists). */
    review: nullableRef(ReviewSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    processedAt: z.string().nullable(),
  })
  .openapi("Document");
export type DocumentView = z.infer<typeof DocumentSchema>;

export const DocumentListSchema = z
  .object({ items: z.array(DocumentSchema), nextCursor: z.string().nullable() })
  .openapi("DocumentList");

export const UploadResultSchema = z
  .object({
    documents: z.array(
      z.object({
        id: z.string(),
        status: DocumentStatusSchema,
        filename: z.string(),
        /** True when an earlier upload with the same Idempotency-Key and bytes was returned. */
        duplicate: z.boolean(),
      }),
    ),
  })
  .openapi("UploadResult");

export const LayoutResponseSchema = z
  .object({
    coordinates: z.literal("normalized").openapi({
      description:
        "Boxes are [x0, y0, x1, y1] as fractions of the page's width and height, origin top-left. " +
        "Multiply by width/height (the page image's pixel size) for pixels.",
    }),
    pages: z.array(
      z.object({
        index: z.number().int(),
        width: z.number(),
        height: z.number(),
        source: PageSourceSchema,
        /** Set when this page could not be read (its tokens are then empty). */
        error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
        tokens: z.array(
          z.object({
            id: z.string(),
            text: z.string(),
            box: BoxSchema,
            confidence: z.number(),
            line: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .openapi("Layout");
