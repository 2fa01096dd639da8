import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { MIN_LABELED_DOCUMENTS, PagewiseError } from "@pagewise/core";
import { recordQuotaRefusal } from "@pagewise/metrics";
import {
  getActiveTrainingRun,
  getTrainingRun,
  listTrainingRunsPage,
  retrainingQuotaError,
  startTrainingRun,
} from "@pagewise/registry";
import { countCompletedReviews, listLabeledDocuments, recordEvent } from "@pagewise/storage";
import { audit } from "../audit";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { toTrainingRunView } from "../model-view";
import {
  errorResponses,
  NextCursorSchema,
  ProjectParamSchema,
  pageQuerySchema,
} from "../schemas/common";
import { TrainingRunSchema } from "../schemas/model";

const tags = ["models"];

const trainRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/models/train",
  tags,
  summary:
    "Start a retraining now (admin); answers the running one if a retraining is under way; 429 `quota_exceeded` when the project's `concurrentRetrainings` quota refuses a new one",
  request: { params: ProjectParamSchema },
  responses: {
    202: {
      description: "The retraining run",
      content: {
        "application/json": { schema: z.object({ run: TrainingRunSchema, created: z.boolean() }) },
      },
    },
    ...errorResponses(403, 409),
  },
});

const runsRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/training-runs",
  tags,
  summary: "Retraining runs, newest first",
  request: { params: ProjectParamSchema, query: pageQuerySchema(50, 200) },
  responses: {
    200: {
      description: "A page of runs",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(TrainingRunSchema), nextCursor: NextCursorSchema }),
        },
      },
    },
    ...errorResponses(400),
  },
});

const runRoute = createRoute({
  method: "get",
  path: "/v1/projects/{project}/training-runs/{runId}",
  tags,
  summary: "One retraining run with its progress",
  request: { params: ProjectParamSchema.extend({ runId: z.string().max(64) }) },
  responses: {
    200: { description: "The run", content: { "application/json": { schema: TrainingRunSchema } } },
    ...errorResponses(),
  },
});

export function trainingRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(trainRoute, async (c) => {
    requireRole(c, "admin");
    const project = c.var.project;
    const labeled = await listLabeledDocuments(deps.db, project.id);
    if (labeled.length < MIN_LABELED_DOCUMENTS) {
      throw new PagewiseError(
        "not_enough_data",
        `Retraining needs at least ${MIN_LABELED_DOCUMENTS} reviewed documents; the project has ${labeled.length}.`,
      );
    }
    // A running retraining is answered as before; only a new one is judged by the quota.
    if (!(await getActiveTrainingRun(deps.db, project.id))) {
      const refusal = await retrainingQuotaError(
        deps.db,
        project.id,
        project.settings.quotas.concurrentRetrainings,
      );
      if (refusal) {
        recordQuotaRefusal("concurrentRetrainings");
        throw refusal;
      }
    }
    const { run, created } = await startTrainingRun(deps.db, {
      projectId: project.id,
      trigger: "admin",
      actor: c.var.actor,
      reviewsAtStart: await countCompletedReviews(deps.db, project.id),
    });
    if (created) {
      await deps.producer.addTrainingFlow(project.id, run.id);
      await recordEvent(deps.db, {
        projectId: project.id,
        type: "training.started",
        actor: c.var.actor,
        data: { trainingRunId: run.id, trigger: "admin" },
      });
      await audit(deps.db, c, {
        action: "training.started",
        target: { type: "training_run", id: run.id },
        details: { trigger: "admin", reviewsAtStart: run.reviewsAtStart },
      });
    }
    return c.json({ run: toTrainingRunView(run), created }, 202);
  });

  app.openapi(runsRoute, async (c) => {
    const page = await listTrainingRunsPage(deps.db, c.var.project.id, c.req.valid("query"));
    return c.json({ items: page.items.map(toTrainingRunView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(runRoute, async (c) => {
    const { runId } = c.req.valid("param");
    const run = await getTrainingRun(deps.db, runId);
    if (!run || run.projectId !== c.var.project.id) {
      throw new PagewiseError("not_found", `No training run '${runId}'.`);
    }
    return c.json(toTrainingRunView(run), 200);
  });

  return app;
}
