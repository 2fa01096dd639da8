import { DriftBinsSchema, DriftStatusSchema, ModelKindSchema } from "@pagewise/core";
import { z } from "zod";

/**
 * `audit`: documents drawn for audit while confidently processed — an unbiased sample of what
 * the pipeline lets through. `flagged`: every other reviewed document, mostly sent to review
 * because they looked doubtful (so their numbers are lower than the pipeline's real accuracy).
 */
export const ReviewSampleSchema = z.enum(["audit", "flagged"]);
export type ReviewSample = z.infer<typeof ReviewSampleSchema>;

/** Counts over predicted and labeled values of fields, and their shares. */
export const FieldCountsSchema = z.object({
  /** Values the model predicted. */
  predicted: z.number().int(),
  /** Predicted values the reviewer kept as they were (verdict `accepted`). */
  kept: z.number().int(),
  /** Labeled values that replaced a prediction (verdict `corrected`). */
  corrected: z.number().int(),
  /** Labeled values where the model predicted nothing (verdict `added`): what it missed. */
  added: z.number().int(),
  /** Values in the reviewed truth. */
  labeled: z.number().int(),
  /** kept / predicted; null without predictions. */
  keptShare: z.number().nullable(),
  /** added / labeled; null without labels. */
  missedShare: z.number().nullable(),
});
export type FieldCounts = z.infer<typeof FieldCountsSchema>;

export const LiveAccuracySchema = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  /** Reviewed live documents in the window (latest complete review each, imports excluded). */
  documents: z.number().int(),
  samples: z.array(
    FieldCountsSchema.extend({
      sample: ReviewSampleSchema,
      documents: z.number().int(),
      categoryAccuracy: z.number().nullable(),
    }),
  ),
  category: z.array(
    z.object({
      sample: ReviewSampleSchema,
      classifierVersion: z.number().int().nullable(),
      documents: z.number().int(),
      correct: z.number().int(),
      accuracy: z.number(),
    }),
  ),
  fields: z.array(
    FieldCountsSchema.extend({
      sample: ReviewSampleSchema,
      extractorVersion: z.number().int().nullable(),
      field: z.string(),
    }),
  ),
  daily: z.array(
    z.object({
      day: z.string(),
      sample: ReviewSampleSchema,
      documents: z.number().int(),
      categoryAccuracy: z.number().nullable(),
      keptShare: z.number().nullable(),
      missedShare: z.number().nullable(),
    }),
  ),
});
export type LiveAccuracy = z.infer<typeof LiveAccuracySchema>;

export const DriftSignalSchema = z.object({
  name: z.string(),
  psi: z.number(),
  status: DriftStatusSchema,
  pValue: z.number(),
  /** `pValue` adjusted (Holm) over the window's signals: the status is judged on this one. */
  adjustedPValue: z.number(),
  observations: z.number().int(),
  referenceObservations: z.number().int(),
  /** The reference and live histograms as shares on the reference's bins (for charts). */
  bins: DriftBinsSchema.optional(),
});

export const DriftReportSchema = z.object({
  reference: z
    .object({
      classifierVersion: z.number().int().nullable(),
      extractorVersion: z.number().int().nullable(),
      documents: z.number().int(),
      createdAt: z.string(),
    })
    .nullable(),
  /** Live documents in the window served by the current champions. */
  documents: z.number().int(),
  thresholds: z.object({ warnPsi: z.number(), alertPsi: z.number(), minDocuments: z.number() }),
  signals: z.array(DriftSignalSchema),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;

const ShadowSideSchema = z.object({
  version: z.number().int().nullable(),
  categoryAccuracy: z.number().nullable(),
});

export const ShadowComparisonSchema = z.object({
  kind: ModelKindSchema,
  challengerVersion: z.number().int(),
  /** Live documents the challenger predicted in the shadow of the champion. */
  shadowed: z.number().int(),
  /** Of those, reviewed by a person (with the champion's predictions recorded): compared. */
  documents: z.number().int(),
  champion: ShadowSideSchema,
  challenger: ShadowSideSchema,
  fields: z.array(
    z.object({
      field: z.string(),
      champion: FieldCountsSchema,
      challenger: FieldCountsSchema,
      worse: z.boolean(),
    }),
  ),
  /** Fields (or `category`) where the challenger does worse than the champion beyond tolerance. */
  worse: z.array(z.string()),
  /** Shadow period (project setting `monitoring.shadowDocuments`): documents needed, and passed. */
  required: z.number().int(),
  passed: z.boolean(),
});
export type ShadowComparison = z.infer<typeof ShadowComparisonSchema>;

export const MonitoringAlertSchema = z.object({
  code: z.enum(["drift", "live_accuracy_low", "shadow_worse", "no_drift_reference"]),
  severity: z.enum(["info", "warn", "alert"]),
  /** The drift signal, field or model kind the alert is about. */
  subject: z.string(),
  /** The oldest evidence for it in the window. */
  since: z.string(),
  message: z.string(),
});
export type MonitoringAlert = z.infer<typeof MonitoringAlertSchema>;

export const MonitoringReportSchema = z.object({
  window: z.string(),
  liveAccuracy: LiveAccuracySchema,
  drift: DriftReportSchema,
  shadow: z.array(ShadowComparisonSchema),
  alerts: z.array(MonitoringAlertSchema),
});
export type MonitoringReport = z.infer<typeof MonitoringReportSchema>;
