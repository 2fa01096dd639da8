import type { LabelSchema } from "@pagewise/core";
import * as tf from "@tensorflow/tfjs";
import type { ConfidenceCalibration } from "../calibration/confidence-calibration";

/** Bump when the artifact layout changes incompatibly. */
export const ARTIFACT_FORMAT_VERSION = 1;

/** Everything about a trained model besides its weights: enough to reproduce and to audit it. */
export interface ModelMetadata {
  formatVersion: number;
  kind: "classifier" | "extractor";
  /** Outputs in order: categories (classifier) or `"<category>.<field>"` (extractor). */
  labels: string[];
  labelSchema: LabelSchema;
  featurizer: {
    name: "document-ngrams" | "layout-tokens";
    version: number;
    hashDim: number;
    denseDim: number;
    categories: string[];
    denseFeatures?: string[];
  };
  hyperparameters: Record<string, number | string | boolean | number[]>;
  seed: number;
  /** TensorFlow.js backend the weights were trained on, and its version. */
  backend: string;
  tfjsVersion: string;
  /** SHA-256 over the training documents (ids, categories, labels, layouts). */
  datasetHash: string;
  documents: number;
  trainingMs: number;
  /** Mean training loss per epoch. */
  losses: number[];
  /** Evaluation figures the trainer (or the platform) attached, e.g. on a validation set. */
  metrics?: Record<string, unknown>;
  /** Extractor: distinct training values per label, to correct near-misses of known vendors. */
  knownValues?: Record<string, string[]>;
  /** sha256 of weights.bin, written by `saveModel` (artifacts saved before it lack it). */
  weightsSha256?: string;
  /** Extractor: most values a list field returns (90th percentile of training documents). */
  listLimits?: Record<string, number>;
  /**
   * Extractor: maps from raw to calibrated confidence, fitted on held-out documents when the
   * version was trained. Absent (older artifacts, tiny training sets): confidences stay raw.
   */
  calibration?: ConfidenceCalibration;
}

export function tfjsVersion(): string {
  return tf.version_core;
}
