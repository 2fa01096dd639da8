import { z } from "zod";

export const ModelKindSchema = z.enum(["classifier", "extractor"]);
export type ModelKind = z.infer<typeof ModelKindSchema>;

/** `pending → ready | failed`; a ready version the gate turned down becomes `rejected`. */
export const ModelVersionStatusSchema = z.enum(["pending", "ready", "failed", "rejected"]);
export type ModelVersionStatus = z.infer<typeof ModelVersionStatusSchema>;

export const ModelAliasSchema = z.enum(["champion", "challenger"]);
export type ModelAlias = z.infer<typeof ModelAliasSchema>;

export const FieldScoreSchema = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
  /**
   * Extractors: expected calibration error of the returned confidences (10 equal-width bins,
   * confidence against whether the value is right); absent when the field had no predictions.
   */
  ece: z.number().optional(),
  /** The same for the raw, uncalibrated confidences (equal to `ece` without a calibration). */
  eceUncalibrated: z.number().optional(),
});
export type FieldScore = z.infer<typeof FieldScoreSchema>;
