import { findCategory, inferLocaleHints, type LabelSchema } from "@pagewise/core";
import { disposeModel } from "../artifacts/load-model";
import { extractFields } from "../extractor/extract-fields";
import { type TrainExtractorOptions, trainExtractor } from "../extractor/train-extractor";
import type { TrainingDocument } from "../types";
import { calibrationSplit } from "./calibration-split";
import {
  type ConfidenceCalibration,
  type ConfidencePoint,
  fitConfidenceCalibration,
} from "./confidence-calibration";
import { confidencePoints } from "./confidence-points";

export interface FitCalibrationOptions {
  /** Share of each category's documents held out to fit the calibration on. */
  share?: number;
  /** Fewer training documents than this: no calibration (the validation part would be noise). */
  minDocuments?: number;
  /** Validation values a field needs for a map of its own (default `MIN_FIELD_POINTS`). */
  minFieldPoints?: number;
}

/** 20 % held out; below 20 documents there are too few validation values to fit anything. */
export const DEFAULT_CALIBRATION = { share: 0.2, minDocuments: 20 } as const;

/** Whether `fitExtractorCalibration` would fit anything: enough real documents to hold some out. */
export function hasCalibrationDocuments(
  docs: readonly TrainingDocument[],
  calibration: FitCalibrationOptions = {},
): boolean {
  const { minDocuments } = { ...DEFAULT_CALIBRATION, ...calibration };
  return docs.filter((d) => !d.synthetic).length >= minDocuments;
}

/**
 * Fit the confidence calibration of an extractor trained on `docs` with `options`: a second
 * extractor, trained with the same options on the documents outside a validation part
 * (`calibrationSplit`: whole issuers, about 20 % per category), predicts the validation part;
 * its raw confidences against what was right give the maps. The shipped extractor is the one
 * trained on every document (its F1 is not lowered by the held-out part); its confidences are
 * calibrated with maps fitted on a slightly weaker model trained on 80 %, which errs toward
 * under-confidence. Null when there are too few documents or values.
 */
export async function fitExtractorCalibration(
  docs: readonly TrainingDocument[],
  labelSchema: LabelSchema,
  options: TrainExtractorOptions,
  calibration: FitCalibrationOptions = {},
): Promise<ConfidenceCalibration | null> {
  const { share } = { ...DEFAULT_CALIBRATION, ...calibration };
  if (!hasCalibrationDocuments(docs, calibration)) return null;
  const { fit, validation } = calibrationSplit(docs, { seed: options.seed, share });
  if (validation.length === 0 || fit.length === 0) return null;
  const model = await trainExtractor(fit, labelSchema, { ...options, onProgress: undefined });
  const points: ConfidencePoint[] = [];
  try {
    for (const doc of validation) {
      const category = findCategory(labelSchema, doc.category);
      if (!category) continue;
      const fields = await extractFields(model, doc.layout, doc.category);
      points.push(...confidencePoints(doc, category, fields, inferLocaleHints(doc.layout)));
    }
  } finally {
    disposeModel(model);
  }
  return fitConfidenceCalibration(points, validation.length, calibration.minFieldPoints);
}
