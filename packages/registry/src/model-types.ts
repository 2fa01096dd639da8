import {
  FieldScoreSchema,
  type ModelKind,
  ModelKindSchema,
  type ModelVersionStatus,
} from "@pagewise/core";
import { z } from "zod";

/** Everything that made a version: data, code, settings, and the proof of its weights. */
export const LineageSchema = z.object({
  trainingRunId: z.string().nullable(),
  datasetSnapshotId: z.string().nullable(),
  datasetHash: z.string().nullable(),
  labelSchemaVersion: z.number().int().nullable(),
  trainDocuments: z.number().int(),
  validationDocuments: z.number().int(),
  codeVersion: z.string(),
  hyperparameters: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  backend: z.string(),
  trainingDurationMs: z.number(),
  /** sha256 of the weights: the same snapshot, seed and code give the same hash. */
  weightsHash: z.string(),
  /** Where the version came from: trained by the platform, or uploaded (trained elsewhere). */
  origin: z.enum(["training", "upload"]).default("training"),
});
export type Lineage = z.infer<typeof LineageSchema>;

/** Row = true category, column = predicted, both in `labels` order. */
export const ConfusionSchema = z.object({
  labels: z.array(z.string()),
  matrix: z.array(z.array(z.number().int())),
});
export type Confusion = z.infer<typeof ConfusionSchema>;

/** Scores on the frozen validation set. Classifiers fill `accuracy`; extractors the F1s. */
export const ModelMetricsSchema = z.object({
  documents: z.number().int(),
  accuracy: z.number().optional(),
  /** Classifiers: precision, recall, F1 and support per category. */
  classes: z.record(z.string(), FieldScoreSchema).optional(),
  /** Classifiers: which category each validation document was given. */
  confusion: ConfusionSchema.optional(),
  macroF1: z.number().optional(),
  microF1: z.number().optional(),
  fields: z.record(z.string(), FieldScoreSchema).optional(),
  msPerPage: z.number().optional(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

export const GateReportSchema = z.object({
  passed: z.boolean(),
  kind: ModelKindSchema,
  championVersion: z.number().int().nullable(),
  challengerVersion: z.number().int(),
  validationDocuments: z.number().int(),
  /** Per field (extractors): both F1 scores and whether the drop stayed within tolerance. */
  fields: z.array(
    z.object({
      name: z.string(),
      champion: z.number().nullable(),
      challenger: z.number(),
      delta: z.number().nullable(),
      support: z.number().int(),
      ok: z.boolean(),
      /** Expected calibration error of each model's confidences (absent for older versions). */
      championEce: z.number().optional(),
      challengerEce: z.number().optional(),
    }),
  ),
  /** Per category (classifiers): both models' precision, recall, F1, and the support. */
  classes: z
    .array(
      z.object({
        name: z.string(),
        champion: FieldScoreSchema.nullable(),
        challenger: FieldScoreSchema,
        support: z.number().int(),
      }),
    )
    .optional(),
  /** Classifiers: both models' confusion matrices on the validation documents. */
  confusion: z
    .object({
      labels: z.array(z.string()),
      challenger: z.array(z.array(z.number().int())),
      champion: z.array(z.array(z.number().int())).nullable(),
    })
    .optional(),
  /** Macro F1 (extractors) or accuracy (classifiers). */
  overall: z.object({
    metric: z.enum(["macroF1", "accuracy"]),
    champion: z.number().nullable(),
    challenger: z.number(),
    ok: z.boolean(),
  }),
  tolerances: z.object({ field: z.number(), overall: z.number() }),
  reasons: z.array(z.string()),
});
export type GateReport = z.infer<typeof GateReportSchema>;

export interface ModelVersion {
  id: string;
  projectId: string;
  kind: ModelKind;
  version: number;
  status: ModelVersionStatus;
  trainingRunId: string | null;
  /** Artifact file name → blob key. */
  artifacts: Record<string, string>;
  lineage: Lineage;
  metrics: ModelMetrics | null;
  gateReport: GateReport | null;
  error: string | null;
  aliases: string[];
  createdAt: string;
  updatedAt: string;
}
