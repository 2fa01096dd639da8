import { createHash } from "node:crypto";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ModelKindSchema, PagewiseError } from "@pagewise/core";
import {
  createModelVersion,
  getActiveTrainingRun,
  getAliasedVersion,
  getLatestTrainingRun,
  getModelVersion,
  listAliasHistory,
  listModelVersions,
  markVersionReady,
  moveAlias,
} from "@pagewise/registry";
import { countCompletedReviews, recordEvent } from "@pagewise/storage";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { toModelVersionView, toTrainingRunView } from "../model-view";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import { AliasMoveSchema, ModelsOverviewSchema, ModelVersionSchema } from "../schemas/model";

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
  summary: "Every version of a model, newest first",
  request: { params: KindParamSchema },
  responses: {
    200: json(z.object({ items: z.array(ModelVersionSchema) }), "Versions"),
    ...errorResponses(400),
  },
});

const versionRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/models/{kind}/versions/{version}",
  tags,
  summary: "One version with its lineage, metrics and gate report",
  request: { params: VersionParamSchema },
  responses: { 200: json(ModelVersionSchema, "The version"), ...errorResponses(400) },
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
  summary: "Every alias move of a model (who, what, when, why), oldest first",
  request: { params: KindParamSchema },
  responses: {
    200: json(z.object({ items: z.array(AliasMoveSchema) }), "History"),
    ...errorResponses(400),
  },
});

const uploadRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/models/{kind}/versions",
  tags,
  summary: "Register a model trained elsewhere (`pagewise train --out`) as a new version (admin)",
  description:
    "Multipart: one `file` per artifact file (`model.json`, `weights.bin`, `metadata.json`). The version " +
    "is registered `ready` with lineage from its metadata; it serves only once `champion` points at it.",
  request: {
    params: KindParamSchema,
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
        },
      },
    },
  },
  responses: { 201: json(ModelVersionSchema, "Registered"), ...errorResponses(400, 403) },
});

const REQUIRED_ARTIFACTS = ["model.json", "weights.bin", "metadata.json"];

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
        },
      },
      200,
    );
  });

  app.openapi(versionsRoute, async (c) => {
    const { kind } = c.req.valid("param");
    const versions = await listModelVersions(deps.db, c.var.project.id, kind);
    return c.json({ items: versions.map(toModelVersionView) }, 200);
  });

  app.openapi(versionRoute, async (c) => {
    const { kind, version } = c.req.valid("param");
    const found = await getModelVersion(deps.db, c.var.project.id, kind, version);
    if (!found) throw new PagewiseError("not_found", `No ${kind} version ${version}.`);
    return c.json(toModelVersionView(found), 200);
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
      actor: c.var.token.id,
      reason,
    });
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "model.alias_moved",
      actor: c.var.token.id,
      data: { kind, alias: "champion", from: move.fromVersion, to: move.toVersion },
    });
    return c.json(move, 200);
  });

  app.openapi(historyRoute, async (c) => {
    const { kind } = c.req.valid("param");
    return c.json({ items: await listAliasHistory(deps.db, c.var.project.id, kind) }, 200);
  });

  app.openapi(uploadRoute, async (c) => {
    requireRole(c, "admin");
    const { kind } = c.req.valid("param");
    const body = await c.req.parseBody({ all: true });
    const files = [body.file ?? []].flat().filter((f): f is File => f instanceof File);
    const byName = new Map(files.map((f) => [f.name.split("/").pop()!, f]));
    const missing = REQUIRED_ARTIFACTS.filter((n) => !byName.has(n));
    if (missing.length > 0) {
      throw new PagewiseError(
        "validation_failed",
        `Missing artifact files: ${missing.join(", ")}.`,
      );
    }
    let metadata: Record<string, unknown>;
    try {
      metadata = JSON.parse(await byName.get("metadata.json")!.text()) as Record<string, unknown>;
    } catch {
      throw new PagewiseError("validation_failed", "metadata.json is not JSON.");
    }
    if (metadata.kind !== kind) {
      throw new PagewiseError(
        "validation_failed",
        `These artifacts are a ${String(metadata.kind)}, not a ${kind}.`,
      );
    }
    const artifacts: Record<string, string> = {};
    let weightsHash = "";
    for (const name of REQUIRED_ARTIFACTS) {
      const bytes = new Uint8Array(await byName.get(name)!.arrayBuffer());
      artifacts[name] = (await deps.blobs.put(bytes)).key;
      if (name === "weights.bin") weightsHash = createHash("sha256").update(bytes).digest("hex");
    }
    const lineage = {
      trainingRunId: null,
      datasetSnapshotId: null,
      datasetHash: typeof metadata.datasetHash === "string" ? metadata.datasetHash : null,
      labelSchemaVersion: null,
      trainDocuments: typeof metadata.documents === "number" ? metadata.documents : 0,
      validationDocuments: 0,
      codeVersion: typeof metadata.codeVersion === "string" ? metadata.codeVersion : "unknown",
      hyperparameters: (metadata.hyperparameters as Record<string, unknown>) ?? {},
      seed: typeof metadata.seed === "number" ? metadata.seed : 0,
      backend: typeof metadata.backend === "string" ? metadata.backend : "unknown",
      trainingDurationMs: typeof metadata.trainingMs === "number" ? metadata.trainingMs : 0,
      weightsHash,
      origin: "upload" as const,
    };
    const created = await createModelVersion(deps.db, {
      projectId: c.var.project.id,
      kind,
      trainingRunId: null,
      lineage,
    });
    await markVersionReady(deps.db, created.id, { artifacts, lineage, metrics: null });
    await recordEvent(deps.db, {
      projectId: c.var.project.id,
      type: "model.uploaded",
      actor: c.var.token.id,
      data: { kind, version: created.version },
    });
    const stored = await getModelVersion(deps.db, c.var.project.id, kind, created.version);
    return c.json(toModelVersionView(stored!), 201);
  });

  return app;
}
