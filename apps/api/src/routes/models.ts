import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { MIN_LABELED_DOCUMENTS, ModelKindSchema, PagewiseError } from "@pagewise/core";
import { jobIds } from "@pagewise/queue";
import {
  aliasMoveAction,
  attachPendingArtifacts,
  createModelVersion,
  getActiveTrainingRun,
  getAliasedVersion,
  getLatestTrainingRun,
  getModelVersion,
  listAliasHistoryPage,
  listModelVersions,
  listModelVersionsPage,
  MODEL_ARTIFACT_FILES,
  moveAlias,
  shadowComparisonOf,
  validateModelArtifacts,
} from "@pagewise/registry";
import {
  countCompletedReviews,
  countLabeledDocuments,
  describeActors,
  recordEvent,
} from "@pagewise/storage";
import { audit, auditEntry } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { toModelVersionView, toTrainingRunView } from "../model-view";
import { receiveMultipart } from "../receive-multipart";
import {
  errorResponses,
  NextCursorSchema,
  ProjectParamSchema,
  pageQuerySchema,
} from "../schemas/common";
import {
  AliasMoveSchema,
  ModelsOverviewSchema,
  ModelVersionDetailSchema,
  ModelVersionSchema,
} from "../schemas/model";

const tags = ["models"];
const KindParamSchema = ProjectParamSchema.extend({ kind: ModelKindSchema });
const VersionParamSchema = KindParamSchema.extend({ version: z.coerce.number().int().positive() });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const overviewRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/models",
  tags,
  summary: "Each model's champion and challenger, and the state of retraining",
  request: { params: ProjectParamSchema },
  responses: { 200: json(ModelsOverviewSchema, "Models"), ...errorResponses() },
});

const versionsRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/models/{kind}/versions",
  tags,
  summary: "A model's versions, newest first",
  request: { params: KindParamSchema, query: pageQuerySchema(100, 500) },
  responses: {
    200: json(
      z.object({ items: z.array(ModelVersionSchema), nextCursor: NextCursorSchema }),
      "A page of versions",
    ),
    ...errorResponses(400),
  },
});

const versionRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/models/{kind}/versions/{version}",
  tags,
  summary: "One version with its lineage, metrics, gate report and shadow comparison",
  request: { params: VersionParamSchema },
  responses: { 200: json(ModelVersionDetailSchema, "The version"), ...errorResponses(400) },
});

const promoteRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/models/{kind}/aliases/champion",
  tags,
  summary: "Point `champion` at a version: promote or roll back (admin)",
  request: {
    params: KindParamSchema,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({
            version: z.number().int().positive(),
            reason: z.string().min(1).max(500),
          }),
        },
      },
    },
  },
  responses: {
    200: json(AliasMoveSchema, "The move, as recorded"),
    ...errorResponses(400, 403, 409),
  },
});

const historyRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/models/{kind}/aliases/history",
  tags,
  summary: "A model's alias moves (who, what, when, why), oldest first (or `order=desc`)",
  request: {
    params: KindParamSchema,
    query: pageQuerySchema(100, 500).extend({
      order: z
        .enum(["asc", "desc"])
        .default("asc")
        .openapi({ description: "`asc`: oldest first (default); `desc`: the latest moves first" }),
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(AliasMoveSchema), nextCursor: NextCursorSchema }),
      "A page of the history",
    ),
    ...errorResponses(400),
  },
});

const uploadRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/models/{kind}/versions",
  tags,
  summary: "Register a model trained elsewhere (`pagewise train --out`) as a new version (admin)",
  description:
    "Multipart: one `file` per artifact file (`model.json`, `weights.bin`, `metadata.json`). The files " +
    "are checked before anything is stored (metadata, a topology of known layers, weight shapes that " +
    "match the manifest and the featurizer, `weightsSha256` in metadata.json): a bad artifact is " +
    "refused with 422 `invalid_model_artifact`. A valid one is registered `pending` and scored by the " +
    "worker on the project's validation set (`model.evaluate-upload`): it becomes `ready` with those " +
    "metrics (or `failed` when it does not load). Only then can `champion` point at it.",
  request: {
    params: KindParamSchema,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          // Not zod: the handler streams the files itself (see routes/documents.ts).
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    },
  },
  responses: {
    201: json(ModelVersionSchema, "Registered `pending`, queued for evaluation"),
    ...errorResponses(400, 403, 422),
  },
});

/** Files one model upload may carry (the artifacts are read whole: they are checked first). */
const MAX_ARTIFACT_FILES = 10;

export function modelRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(overviewRoute, async (c) => {
    const project = c.var.project;
    const versions = await listModelVersions(deps.db, project.id);
    const models = await Promise.all(
      (["classifier", "extractor"] as const).map(async (kind) => {
        const champion = await getAliasedVersion(deps.db, project.id, kind, "champion");
        const challenger = await getAliasedVersion(deps.db, project.id, kind, "challenger");
        return {
          kind,
          champion: champion ? toModelVersionView(champion) : null,
          challenger: challenger ? toModelVersionView(challenger) : null,
          versions: versions.filter((v) => v.kind === kind).length,
        };
      }),
    );
    const active = await getActiveTrainingRun(deps.db, project.id);
    const latest = await getLatestTrainingRun(deps.db, project.id);
    const reviews = await countCompletedReviews(deps.db, project.id);
    return c.json(
      {
        models,
        training: {
          active: active ? toTrainingRunView(active) : null,
          feedbackSinceLastTraining: reviews - (latest?.reviewsAtStart ?? 0),
          retrainAfterReviews: project.settings.retrainAfterReviews,
          labeledDocuments: await countLabeledDocuments(deps.db, project.id),
          minLabeledDocuments: MIN_LABELED_DOCUMENTS,
        },
      },
      200,
    );
  });

  app.openapi(versionsRoute, async (c) => {
    const { kind } = c.req.valid("param");
    const page = await listModelVersionsPage(deps.db, c.var.project.id, kind, c.req.valid("query"));
    return c.json({ items: page.items.map(toModelVersionView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const { kind, version } = c.req.valid("param");
    const found = await getModelVersion(deps.db, c.var.project.id, kind, version);
    if (!found) throw new PagewiseError("not_found", `No ${kind} version ${version}.`);
    // Its live predictions in the shadow of the champion, once it has made any.
    const shadow = await shadowComparisonOf(deps.db, c.var.project, kind, found);
    return c.json(
      { ...toModelVersionView(found), shadow: shadow.shadowed > 0 ? shadow : null },
      200,
    );
  });

  app.openapi(promoteRoute, async (c) => {
    requireRole(c, "admin");
    const { kind } = c.req.valid("param");
    const { version, reason } = c.req.valid("json");
    const move = await moveAlias(deps.db, {
      projectId: c.var.project.id,
      kind,
      alias: "champion",
      version,
      actor: c.var.actor,
      reason,
      // Written in the move's transaction: promoted (to a newer version), rolled back (to an
      // older one), or moved.
      audit: (m) =>
        auditEntry(c, {
          action: aliasMoveAction(m.fromVersion, m.toVersion),
          target: { type: "model", id: kind },
          details: { kind, alias: m.alias, from: m.fromVersion, to: m.toVersion, reason },
        }),
    });
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "model.alias_moved",
      actor: c.var.actor,
      data: { kind, alias: "champion", from: move.fromVersion, to: move.toVersion },
    });
    const names = await describeActors(deps.db, [move.actor]);
    return c.json({ ...move, actorName: names.get(move.actor) ?? null }, 200);
  });

  app.openapi(historyRoute, async (c) => {
    const { kind } = c.req.valid("param");
    const page = await listAliasHistoryPage(deps.db, c.var.project.id, kind, c.req.valid("query"));
    const names = await describeActors(
      deps.db,
      page.items.map((m) => m.actor),
    );
    return c.json(
      {
        items: page.items.map((m) => ({ ...m, actorName: names.get(m.actor) ?? null })),
        nextCursor: page.nextCursor,
      },
      200,
    );
  });

  app.openapi(uploadRoute, async (c) => {
    requireRole(c, "admin");
    const { kind } = c.req.valid("param");
    // Streamed to temp files like documents, and kept in memory too: artifacts are checked
    // whole (shapes, sizes, checksum) before any is committed.
    const received = await receiveMultipart(c.req.raw, deps.blobs, {
      fileField: "file",
      maxFileBytes: deps.limits.maxFileBytes,
      maxFiles: MAX_ARTIFACT_FILES,
      maxFieldBytes: 64 * 1024,
      keepBytes: deps.limits.maxFileBytes,
    });
    const artifacts: Record<string, string> = {};
    let metadata: ReturnType<typeof validateModelArtifacts>;
    try {
      // Of files with the same name, the last one counts.
      const byName = new Map(received.files.map((f) => [f.filename.split("/").pop()!, f]));
      const files: Record<string, Uint8Array> = {};
      for (const name of MODEL_ARTIFACT_FILES) {
        const bytes = byName.get(name)?.bytes;
        if (bytes) files[name] = bytes;
      }
      // Artifacts are code the workers run: nothing is stored before they are checked.
      metadata = validateModelArtifacts(files, kind);
      await received.commit(async (file) => {
        const name = file.filename.split("/").pop()!;
        if (!(MODEL_ARTIFACT_FILES as readonly string[]).includes(name)) return false;
        if (byName.get(name) !== file) return false;
        artifacts[name] = file.key;
      });
    } catch (error) {
      await received.discard();
      throw error;
    }
    const num = (v: unknown) => (typeof v === "number" ? v : undefined);
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    const lineage = {
      trainingRunId: null,
      datasetSnapshotId: null,
      datasetHash: str(metadata.datasetHash) ?? null,
      labelSchemaVersion: null,
      trainDocuments: num(metadata.documents) ?? 0,
      validationDocuments: 0,
      codeVersion: str(metadata.codeVersion) ?? "unknown",
      hyperparameters: (metadata.hyperparameters as Record<string, unknown>) ?? {},
      seed: metadata.seed,
      backend: str(metadata.backend) ?? "unknown",
      trainingDurationMs: num(metadata.trainingMs) ?? 0,
      weightsHash: metadata.weightsSha256,
      origin: "upload" as const,
    };
    // The bytes are committed first: a blob without its row yet is safe from the orphan
    // sweep's grace period.
    const created = await createModelVersion(deps.db, {
      projectId: c.var.project.id,
      kind,
      trainingRunId: null,
      lineage,
    });
    await attachPendingArtifacts(deps.db, created.id, artifacts);
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "model.uploaded",
      actor: c.var.actor,
      data: { kind, version: created.version },
    });
    await audit(deps.db, c, {
      action: "model.version_registered",
      target: { type: "model_version", id: created.id },
      details: { kind, version: created.version, weightsHash: lineage.weightsHash },
    });
    try {
      await deps.producer.enqueue(
        "model.evaluate-upload",
        { projectId: c.var.project.id, modelVersionId: created.id },
        { jobId: jobIds.evaluateUpload(created.id) },
      );
    } catch (err) {
      // The version stays `pending`; the reconciler queues its evaluation again.
      deps.logger.warn(
        { err, modelVersionId: created.id },
        "enqueue failed; the reconciler will retry",
      );
    }
    const stored = await getModelVersion(deps.db, c.var.project.id, kind, created.version);
    return c.json(toModelVersionView(stored!), 201);
  });

  return app;
}
