import type { LabelSchema } from "@pagewise/core";
import type { EvaluationReport, TrainingDocument, TrainProgress } from "@pagewise/models";

export type TrainingTask =
  | {
      op: "train";
      docs: TrainingDocument[];
      labelSchema: LabelSchema;
      seed: number;
      /** The extractor's `minSteps` when the worker overrides it (else the default). */
      extractorMinSteps?: number;
    }
  | {
      op: "evaluate";
      /** Each model to score, by a caller-chosen key. */
      models: { key: string; files: Record<string, Uint8Array> }[];
      docs: TrainingDocument[];
    };

export interface TrainResult {
  classifier: Record<string, Uint8Array>;
  extractor: Record<string, Uint8Array>;
  backend: string;
  durationMs: number;
}

export type EvaluateResult = Record<string, EvaluationReport>;

export type ThreadMessage =
  | { type: "progress"; progress: TrainProgress }
  | { type: "result"; result: TrainResult | EvaluateResult }
  | { type: "error"; message: string; code?: string };
