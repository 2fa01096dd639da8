import { z } from "zod";
import { applyIsotonic, isotonicFit } from "./isotonic-fit";

const IsotonicMapSchema = z.object({
  x: z.array(z.number()),
  y: z.array(z.number().min(0).max(1)),
  /** Validation values the map was fitted on. */
  points: z.number().int().nonnegative(),
});

/**
 * How an extractor's raw confidences become calibrated ones, stored in its metadata
 * (`metadata.calibration`): one isotonic map per `"<category>.<field>"` with enough validation
 * values; other fields keep their raw confidence (`global`: a pooled map, read if present).
 */
export const ConfidenceCalibrationSchema = z.object({
  method: z.literal("isotonic"),
  /** Validation documents (held out of the model the maps were fitted against). */
  documents: z.number().int().nonnegative(),
  /** A field needs this many validation values for a map of its own. */
  minFieldPoints: z.number().int().positive(),
  fields: z.record(z.string(), IsotonicMapSchema),
  global: IsotonicMapSchema.nullable(),
});
export type ConfidenceCalibration = z.infer<typeof ConfidenceCalibrationSchema>;

/** One predicted value on a validation document: its raw confidence and whether it was right. */
export interface ConfidencePoint {
  /** `"<category>.<field>"`. */
  label: string;
  confidence: number;
  correct: boolean;
}

// Below 30 values a per-field step function mostly memorises noise; under 10 values in all there
// is nothing to fit.
export const MIN_FIELD_POINTS = 30;
const MIN_GLOBAL_POINTS = 10;

/**
 * Fit the calibration from validation values: isotonic per field with ≥ `minFieldPoints` values;
 * the others keep their raw confidence (`global` stays null). A pooled map over every field was
 * tried as the fallback and measured worse: pooling receipts and contracts dragged the already
 * well-calibrated confidences of invoice fields far off. Null when no field has enough values.
 */
export function fitConfidenceCalibration(
  points: readonly ConfidencePoint[],
  documents: number,
  minFieldPoints = MIN_FIELD_POINTS,
): ConfidenceCalibration | null {
  if (points.length < MIN_GLOBAL_POINTS) return null;
  const fit = (ps: readonly ConfidencePoint[]) => ({
    ...isotonicFit(
      ps.map((p) => p.confidence),
      ps.map((p) => (p.correct ? 1 : 0)),
    ),
    points: ps.length,
  });
  const byLabel = new Map<string, ConfidencePoint[]>();
  for (const p of points) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p]);
  const fields: ConfidenceCalibration["fields"] = {};
  for (const [label, ps] of [...byLabel].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ps.length >= minFieldPoints) fields[label] = fit(ps);
  }
  if (Object.keys(fields).length === 0) return null;
  return { method: "isotonic", documents, minFieldPoints, fields, global: null };
}

/**
 * The calibrated confidence of a value of `label`: its field's map, else the global map (none is
 * fitted today; the slot reads older fits), else the raw confidence.
 */
export function calibrateConfidence(
  calibration: ConfidenceCalibration | undefined,
  label: string,
  raw: number,
): number {
  const map = calibration?.fields[label] ?? calibration?.global;
  return map ? Math.min(1, Math.max(0, applyIsotonic(map, raw))) : raw;
}
