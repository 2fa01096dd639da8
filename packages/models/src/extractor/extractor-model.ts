import type * as tf from "@tensorflow/tfjs";
import type { ModelMetadata } from "../artifacts/model-metadata";

/** A trained extractor: one TensorFlow.js model for every category's fields, plus its metadata. */
export interface ExtractorModel {
  kind: "extractor";
  model: tf.LayersModel;
  metadata: ModelMetadata;
}

/** Hyperparameters of the extractor (defaults in `DEFAULT_EXTRACTOR_OPTIONS`). */
export interface ExtractorHyperparameters {
  hashDim: number;
  hidden: number[];
  /** Passes over the training rows; raised to reach `minSteps` on small sets. */
  epochs: number;
  /** At least this many optimizer steps (small projects need more passes). */
  minSteps: number;
  /** At most this many epochs. */
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  /** Probability of dropping each hashed input feature while training. */
  inputDropout: number;
  maxNegativesPerDocument: number;
  contextRadius: number;
  positiveWeight: number;
  seedThreshold: number;
  growThreshold: number;
  minConfidence: number;
  listThreshold: number;
  snapSimilarity: number;
}

export const DEFAULT_EXTRACTOR_OPTIONS: ExtractorHyperparameters = {
  hashDim: 4096,
  hidden: [64, 32],
  epochs: 8,
  minSteps: 800,
  maxEpochs: 40,
  batchSize: 256,
  learningRate: 0.002,
  dropout: 0.2,
  inputDropout: 0.1,
  maxNegativesPerDocument: 200,
  contextRadius: 3,
  positiveWeight: 2,
  seedThreshold: 0.5,
  growThreshold: 0.3,
  minConfidence: 0.3,
  listThreshold: 0.5,
  snapSimilarity: 0,
};

/** Epochs actually run: `epochs`, raised so that small sets get `minSteps` steps, capped. */
export function effectiveEpochs(
  hp: Pick<ExtractorHyperparameters, "epochs" | "minSteps" | "maxEpochs" | "batchSize">,
  rows: number,
): number {
  const stepsPerEpoch = Math.max(1, Math.ceil(rows / hp.batchSize));
  return Math.min(hp.maxEpochs, Math.max(hp.epochs, Math.ceil(hp.minSteps / stepsPerEpoch)));
}
