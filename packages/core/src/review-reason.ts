import { z } from "zod";

/**
 * Why a document waits for a person. Decided once when the pipeline finishes a document and
 * stored with it, so every screen and client reads the same reasons:
 * - `missing_required`: the extractor found no value for the required `field`;
 * - `low_confidence`: the `field`'s value (or, with `field: null`, the category) scored
 *   `confidence`, under the project's threshold;
 * - `no_model`: no champion model read the document yet;
 * - `audit_sample`: a confident document drawn into the queue for audit.
 */
export const ReviewReasonCodeSchema = z.enum([
  "missing_required",
  "low_confidence",
  "no_model",
  "audit_sample",
]);
export type ReviewReasonCode = z.infer<typeof ReviewReasonCodeSchema>;

export const ReviewReasonSchema = z.object({
  code: ReviewReasonCodeSchema,
  /** The field concerned; null for the category (`low_confidence`) and whole-document reasons. */
  field: z.string().nullable(),
  /** The confidence that fell under the threshold (`low_confidence` only). */
  confidence: z.number().min(0).max(1).nullable(),
});
export type ReviewReason = z.infer<typeof ReviewReasonSchema>;

export const ReviewReasonsSchema = z.array(ReviewReasonSchema);
