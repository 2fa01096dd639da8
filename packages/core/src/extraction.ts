import { z } from "zod";
import { BoxSchema } from "./layout";

/**
 * Where a value comes from: `model` (the project's extractor), `einvoice` (read from the
 * structured XML of an e-invoice, confidence 1) or `memory` (found where earlier reviews of the
 * same vendor had it: docs/vendor-memory.md). Results stored before this field existed are the
 * model's.
 */
export const FieldSourceSchema = z.enum(["model", "einvoice", "memory"]);
export type FieldSource = z.infer<typeof FieldSourceSchema>;

export const ClassificationSchema = z.object({
  category: z.string(),
  confidence: z.number().min(0).max(1),
  /** Probability per category, for inspection. */
  scores: z.record(z.string(), z.number()).optional(),
  /** Absent means `model`; `einvoice`: the document carries an XML invoice. */
  source: FieldSourceSchema.optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** One extracted value. List fields (e.g. contract parties) appear once per value. */
export const ExtractedFieldSchema = z.object({
  name: z.string(),
  value: z.string(),
  /** Dates as ISO 8601 (`YYYY-MM-DD`), amounts as decimal strings (`1234.50`), else trimmed text. */
  normalized: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  page: z.number().int().nonnegative().nullable(),
  box: BoxSchema.nullable(),
  tokenIds: z.array(z.string()),
  /** Absent means `model`. */
  source: FieldSourceSchema.optional(),
});
export type ExtractedField = z.infer<typeof ExtractedFieldSchema>;
