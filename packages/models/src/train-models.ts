import { availableParallelism } from "node:os";
import type { LabelSchema } from "@pagewise/core";
import { fitExtractorCalibrationInThread } from "./calibration/fit-calibration-in-thread";
import {
  type FitCalibrationOptions,
  fitExtractorCalibration,
  hasCalibrationDocuments,
} from "./calibration/fit-extractor-calibration";
import type { ClassifierModel } from "./classifier/classifier-model";
import { type TrainClassifierOptions, trainClassifier } from "./classifier/train-classifier";
import type { ExtractorModel } from "./extractor/extractor-model";
import { type TrainExtractorOptions, trainExtractor } from "./extractor/train-extractor";
import type { TrainingDocument, TrainProgress } from "./types";

export interface TrainModelsOptions {
  /** Seeds both models (the classifier and the extractor derive their own streams from it). */
  seed: number;
  classifier?: Omit<TrainClassifierOptions, "seed" | "onProgress">;
  extractor?: Omit<TrainExtractorOptions, "seed" | "onProgress">;
  /** Calibrate the extractor's confidences on held-out documents (default); false: raw scores. */
  calibration?: FitCalibrationOptions | false;
  /**
   * Train the calibration's extractor in a thread of its own, beside the shipped models (default:
   * when the machine has more than one core). The models and maps are the same either way.
   */
  calibrationThread?: boolean;
  onProgress?: (progress: TrainProgress) => void;
}

/**
 * Train a project's two models from its labeled documents: the classifier over the label
 * schema's categories and one extractor over all their fields, whose confidences are then
 * calibrated on held-out documents (`fitExtractorCalibration`: a second extractor is trained on
 * about 80 %). That second extractor trains in a thread of its own beside the shipped models
 * (`calibrationThread`), so on two cores a training takes about as long as the extractor alone;
 * on one, up to twice as long. The rest runs on the current thread; the platform calls it inside
 * a worker thread so the event loop keeps serving.
 *
 * @example
 * await initBackend();
 * const { classifier, extractor } = await trainModels(docs, DEFAULT_LABEL_SCHEMA, { seed: 7 });
 */
export async function trainModels(
  docs: readonly TrainingDocument[],
  labelSchema: LabelSchema,
  options: TrainModelsOptions,
): Promise<{ classifier: ClassifierModel; extractor: ExtractorModel }> {
  const extractorOptions = { ...options.extractor, seed: options.seed };
  const inThread = options.calibrationThread ?? availableParallelism() > 1;
  // Started first, so that the calibration's extractor trains while the shipped models do.
  const calibrating =
    options.calibration !== false && inThread && hasCalibrationDocuments(docs, options.calibration)
      ? fitExtractorCalibrationInThread(docs, labelSchema, extractorOptions, options.calibration)
      : undefined;
  try {
    const classifier = await trainClassifier(docs, labelSchema, {
      ...options.classifier,
      seed: options.seed,
      onProgress: options.onProgress,
    });
    const extractor = await trainExtractor(docs, labelSchema, {
      ...extractorOptions,
      onProgress: options.onProgress,
    });
    if (options.calibration !== false) {
      const calibration = calibrating
        ? await calibrating.result
        : await fitExtractorCalibration(docs, labelSchema, extractorOptions, options.calibration);
      if (calibration) extractor.metadata.calibration = calibration;
    }
    return { classifier, extractor };
  } finally {
    // A failed training leaves no thread behind (a finished one has already exited).
    calibrating?.cancel();
  }
}
