import type * as tf from "@tensorflow/tfjs";
import type { ModelMetadata } from "../artifacts/model-metadata";

/** A trained document classifier (categories of the project's label schema) and its metadata. */
export interface ClassifierModel {
  kind: "classifier";
  model: tf.LayersModel;
  metadata: ModelMetadata;
}

export interface ClassifierHyperparameters {
  hashDim: number;
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  /** Probability of dropping each hashed n-gram while training (0 = off). */
  inputDropout: number;
  /** Document-type cue counts as inputs (features v2); off = v1 features. */
  cueWords: boolean;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierHyperparameters = {
  hashDim: 4096,
  hidden: [64],
  epochs: 12,
  batchSize: 32,
  learningRate: 0.003,
  dropout: 0.3,
  inputDropout: 0,
  cueWords: false,
};
