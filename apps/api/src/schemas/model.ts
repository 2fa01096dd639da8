import { z } from "@hono/zod-openapi";
import { ModelKindSchema, ModelVersionStatusSchema } from "@pagewise/core";
import { GateReportSchema, LineageSchema, ModelMetricsSchema } from "@pagewise/registry";
import { nullableRef } from "./common";

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

export const TrainingRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed"]),
    trigger: z.enum(["schedule", "admin"]),
    actor: z.string(),
    snapshotId: z.string().nullable(),
    progress: z.object({
      stage: z.string(),
      message: z.string(),
      epoch: z.number().optional(),
      epochs: z.number().optional(),
      loss: z.number().optional(),
      model: z.string().optional(),
    }),
    outcome: z
      .object({
        classifier: z.object({ version: z.number(), promoted: z.boolean() }).optional(),
        extractor: z.object({ version: z.number(), promoted: z.boolean() }).optional(),
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
    }),
  })
  .openapi("ModelsOverview");
