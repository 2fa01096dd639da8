import type { Layout } from "@pagewise/core";

/** One labeled value of a document. List fields (contract `parties`) carry one entry per value. */
export interface LabeledField {
  name: string;
  value: string;
  /** Exact tokens when a reviewer pointed at them; absent = aligned by value (`alignValue`). */
  tokenIds?: string[];
}

/** A document with its ground truth, as training and evaluation take it. */
export interface TrainingDocument {
  id: string;
  layout: Layout;
  category: string;
  fields: LabeledField[];
  /**
   * Fields whose ground truth is complete for this document: one listed here without a value is
   * known to be absent (a prediction for it is a false positive); a field not listed is unknown
   * and neither trains nor scores. Default: every field of the category.
   */
  annotatedFields?: string[];
  /**
   * The document's vendor group (`vendorGroup`), when known: grouped splits and cross-validation
   * never put one vendor on both sides, to measure documents of vendors never trained on.
   */
  group?: string;
  /**
   * Weight of the document's tokens in the extractor's loss (default 1). Synthetic documents
   * train at a fraction of a real one's weight, so that many of them teach what transfers
   * (labels, value shapes, geometry) without outvoting the real layouts.
   */
  weight?: number;
  /**
   * Generated, not a real document (`pagewise synth`): trained on, never held out to calibrate
   * confidences (calibration must reflect real documents).
   */
  synthetic?: boolean;
}

/** Progress of a training run, reported through `onProgress`. */
export interface TrainProgress {
  model: "classifier" | "extractor";
  phase: "featurize" | "epoch" | "done";
  epoch: number;
  epochs: number;
  /** Mean training loss of the epoch just finished. */
  loss?: number;
  /** Documents or tokens featurized so far (phase `featurize`). */
  done?: number;
  total?: number;
}
