import { z } from "@hono/zod-openapi";
import { ModelKindSchema, ModelVersionStatusSchema } from "@pagewise/core";
import {
  GateReportSchema,
  LineageSchema,
  ModelMetricsSchema,
  TRAINING_RUN_STAGES,
  TRAINING_TRIGGERS,
} from "@pagewise/registry";
import { nullableRef } from "./common";
import { ShadowComparisonViewSchema } from "./monitoring";

export const ModelVersionSchema = z
  .object({
    kind: ModelKindSchema,
    version: z.number().int(),
    status: ModelVersionStatusSchema,
    aliases: z.array(z.string()),
    trainingRunId: z.string().nullable(),
    artifacts: z.array(z.string()),
    lineage: LineageSchema,
    metrics: ModelMetricsSchema.nullable(),
    gateReport: GateReportSchema.nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("ModelVersion");

export const ModelVersionDetailSchema = ModelVersionSchema.extend({
  /** Champion against this version on the reviewed live documents it predicted in the shadow. */
  shadow: nullableRef(ShadowComparisonViewSchema),
}).openapi("ModelVersionDetail");

const ModelOutcomeSchema = z.object({
  version: z.number(),
  promoted: z.boolean(),
  reason: z.string().optional().openapi({
    description: "Why the version was not promoted (the gate's reasons), or how it was",
  }),
  /** Passed the gate and waits as challenger for its shadow period. */
  shadow: z.boolean().optional(),
});

export const TrainingProgressSchema = z
  .object({
    stage: z.enum(TRAINING_RUN_STAGES),
    message: z.string(),
    epoch: z.number().optional(),
    epochs: z.number().optional(),
    loss: z.number().optional(),
    model: z.string().optional(),
    step: z.enum(["featurize", "epoch"]).optional().openapi({
      description: "In the train stage: preparing features, or fitting epochs",
    }),
    fraction: z.number().min(0).max(1).optional().openapi({
      description: "Share of the current step done (features prepared, or epochs finished)",
    }),
    stageStartedAt: z.string().optional().openapi({ description: "When the stage began" }),
    remainingMs: z.number().optional().openapi({
      description: "Estimated milliseconds left in the current step, from its pace so far",
    }),
    losses: z
      .object({
        classifier: z.array(z.number()).optional(),
        extractor: z.array(z.number()).optional(),
      })
      .optional()
      .openapi({ description: "Every finished epoch's training loss, per model" }),
  })
  .openapi("TrainingProgress");

export const TrainingRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    trigger: z.enum(TRAINING_TRIGGERS).openapi({
      description:
        "schedule: enough reviews since the last training; admin: started by hand; bootstrap: labeled documents and no champion yet; drift: a drift signal at alert; accuracy: live accuracy below the project's threshold",
    }),
    actor: z.string(),
    snapshotId: z.string().nullable(),
    progress: TrainingProgressSchema,
    outcome: z
      .object({
        classifier: ModelOutcomeSchema.optional(),
        extractor: ModelOutcomeSchema.optional(),
      })
      .nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi("TrainingRun");

export const AliasMoveSchema = z
  .object({
    id: z.string(),
    alias: z.string(),
    fromVersion: z.number().int().nullable(),
    toVersion: z.number().int().nullable(),
    actor: z.string(),
    actorName: z
      .string()
      .nullable()
      .openapi({ description: "Who that is: a person's name and email, or a token's name" }),
    reason: z.string(),
    createdAt: z.string(),
  })
  .openapi("AliasMove");

export const ModelsOverviewSchema = z
  .object({
    models: z.array(
      z.object({
        kind: ModelKindSchema,
        champion: nullableRef(ModelVersionSchema),
        challenger: nullableRef(ModelVersionSchema),
        versions: z.number().int(),
      }),
    ),
    training: z.object({
      active: nullableRef(TrainingRunSchema),
      feedbackSinceLastTraining: z.number().int(),
      retrainAfterReviews: z.number().int(),
      labeledDocuments: z.number().int().optional().openapi({
        description: "Reviewed (or imported) documents with labels: the training data",
      }),
      minLabeledDocuments: z.number().int().optional().openapi({
        description: "A training needs at least this many labeled documents",
      }),
    }),
  })
  .openapi("ModelsOverview");
