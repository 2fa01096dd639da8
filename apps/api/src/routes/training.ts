import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PagewiseError } from "@pagewise/core";
import { getTrainingRun, listTrainingRuns, startTrainingRun } from "@pagewise/registry";
import { countCompletedReviews, listLabeledDocuments, recordEvent } from "@pagewise/storage";
import type { ApiDeps, AppEnv } from "../context";
import { requireRole } from "../middleware/require-role";
import { toTrainingRunView } from "../model-view";
import { errorResponses, ProjectParamSchema } from "../schemas/common";
import { TrainingRunSchema } from "../schemas/model";

const tags = ["models"];

const trainRoute = createRoute({
  method: "post",
  path: "/v1/projects/{project}/models/train",
  tags,
  summary: "Start a retraining now (admin); answers the running one if a retraining is under way",
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
  request: { params: ProjectParamSchema },
  responses: {
    200: {
      description: "Runs",
      content: { "application/json": { schema: z.object({ items: z.array(TrainingRunSchema) }) } },
    },
    ...errorResponses(),
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

/** Below this many labeled documents a model cannot learn anything worth serving. */
export const MIN_LABELED_DOCUMENTS = 4;

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
    const { run, created } = await startTrainingRun(deps.db, {
      projectId: project.id,
      trigger: "admin",
      actor: c.var.token.id,
      reviewsAtStart: await countCompletedReviews(deps.db, project.id),
    });
    if (created) {
      await deps.producer.addTrainingFlow(project.id, run.id);
      await recordEvent(deps.db, {
        projectId: project.id,
        type: "training.started",
        actor: c.var.token.id,
        data: { trainingRunId: run.id, trigger: "admin" },
      });
    }
    return c.json({ run: toTrainingRunView(run), created }, 202);
  });

  app.openapi(runsRoute, async (c) => {
    const runs = await listTrainingRuns(deps.db, c.var.project.id);
    return c.json({ items: runs.map(toTrainingRunView) }, 200);
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
