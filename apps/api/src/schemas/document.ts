import { z } from "@hono/zod-openapi";
import {
  BoxSchema,
  DocumentStatusSchema,
  EInvoiceLineItemSchema,
  EInvoiceSyntaxSchema,
  ERROR_CODES,
  ExtractedFieldSchema,
  FieldSourceSchema,
  PageSourceSchema,
  ReviewReasonSchema,
} from "@pagewise/core";
import { nullableRef } from "./common";

export const ReviewSchema = z
  .object({
    id: z.string(),
    actor: z.string(),
    actorName: z
      .string()
      .nullable()
      .openapi({ description: "Who that is: a person's name and email, or a token's name" }),
    source: z.enum(["review", "import"]),
    complete: z.boolean(),
    category: z.string().nullable(),
    createdAt: z.string(),
    fields: z.array(
      z.object({
        name: z.string(),
        value: z.string(),
        /** The value in its type's normal form (ISO date, decimal amount…), null if none. */
        normalized: z.string().nullable(),
        tokenIds: z.array(z.string()),
        page: z.number().int().nullable(),
        box: BoxSchema.nullable(),
        verdict: z.enum(["accepted", "corrected", "added"]).nullable(),
      }),
    ),
    /** Fields the reviewer marked "not in this document". */
    absent: z.array(z.string()),
  })
  .openapi("Review");

/**
 * Core's one definition of a review reason (its shape), named as a component of the OpenAPI
 * document (core's own zod object cannot carry OpenAPI metadata).
 */
export const ReviewReasonComponent = z.object(ReviewReasonSchema.shape).openapi("ReviewReason", {
  description:
    "Why the document waits for a person. `missing_required`: no value for the required " +
    "`field`. `low_confidence`: the `field` (null: the category) scored `confidence`, under the " +
    "project's threshold. `no_model`: no model read it yet. `audit_sample`: a confident " +
    "document drawn for audit.",
});

export const EInvoiceComponent = z
  .object({
    syntax: EInvoiceSyntaxSchema,
    attachment: z.string().nullable().openapi({
      description:
        "The embedded XML's file name in the PDF (`factur-x.xml`…); null for an XML upload",
    }),
    documentType: z.enum(["invoice", "credit_note"]),
    lineItems: z.array(z.object(EInvoiceLineItemSchema.shape).openapi("EInvoiceLineItem")),
  })
  .openapi("EInvoice", {
    description:
      "What the document's e-invoice XML says beyond the fields (ZUGFeRD / Factur-X / " +
      "XRechnung / UBL): its syntax and its lines, amounts as decimal strings as written.",
  });

const LineItemCellSchema = z
  .object({
    value: z.string().openapi({ description: "The words of the cell as printed" }),
    normalized: z.string().nullable().openapi({
      description: "Decimal string for numbers (`9.90`), UN/ECE code for units (`H87`), else text",
    }),
    confidence: z.number(),
    box: BoxSchema,
    tokenIds: z.array(z.string()),
  })
  .openapi("LineItemCell");

export const LineItemRowComponent = z
  .object({
    page: z.number().int(),
    box: BoxSchema,
    confidence: z.number().openapi({ description: "The row's least confident cell" }),
    cells: z
      .object({
        description: LineItemCellSchema.optional(),
        quantity: LineItemCellSchema.optional(),
        unit: LineItemCellSchema.optional(),
        unitPrice: LineItemCellSchema.optional(),
        amount: LineItemCellSchema.optional(),
        taxRate: LineItemCellSchema.optional(),
      })
      .openapi({ description: "Columns the row has a value for; absent = not on the page" }),
  })
  .openapi("LineItemRow", {
    description:
      "One line of an invoice's item table, read from its pages by the line-item reader " +
      "(header words, column positions and quantity × unit price = amount; no trained model).",
  });

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
    /** The predictions: the models', or an e-invoice XML's (`source: "einvoice"`, confidence 1). */
    fields: z.array(
      ExtractedFieldSchema.extend({
        source: z.enum(FieldSourceSchema.options).openapi({
          description:
            "`model`: the extractor; `einvoice`: read from the document's XML invoice; `memory`: found where reviews of the same vendor had it",
        }),
        modelVersion: z.number().int().nullable(),
      }),
    ),
    /** The e-invoice read from the document (null for any other document). */
    einvoice: nullableRef(EInvoiceComponent),
    /**
     * An invoice's line items read from its pages (null when none were read: not an invoice, an
     * e-invoice whose lines are in `einvoice.lineItems`, or not processed yet).
     */
    lineItems: z.array(LineItemRowComponent).nullable(),
    /** Lowest confidence among the predictions (the review queue sorts by it). */
    minConfidence: z.number().nullable(),
    /** Decided when the pipeline finished the document; empty when it needs no person. */
    reviewReasons: z.array(ReviewReasonComponent),
    /** The latest review (one-document responses only; null in lists). */
    review: nullableRef(ReviewSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    processedAt: z.string().nullable(),
  })
  .openapi("Document");
export type DocumentView = z.infer<typeof DocumentSchema>;

export const SearchSnippetSchema = z
  .object({
    text: z.string().openapi({ description: "Plain text around the match (not HTML)" }),
    highlights: z
      .array(z.object({ start: z.number().int(), end: z.number().int() }))
      .openapi({ description: "Matched words: [start, end) offsets in `text`, in order" }),
  })
  .openapi("SearchSnippet");

export const DocumentListItemSchema = DocumentSchema.extend({
  search: z
    .object({
      score: z
        .number()
        .openapi({ description: "Relevance: higher is better; compare within one search" }),
      // Null: only the file name matched.
      snippet: nullableRef(SearchSnippetSchema),
    })
    .optional()
    .openapi({ description: "Only with `q`: how the document matched" }),
}).openapi("DocumentListItem");

export const DocumentListSchema = z
  .object({ items: z.array(DocumentListItemSchema), nextCursor: z.string().nullable() })
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
