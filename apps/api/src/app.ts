import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { ApiDeps, AppEnv } from "./context";
import { errorBody, handleError } from "./http-errors";
import { requireToken } from "./middleware/require-token";
import { resolveProject } from "./middleware/resolve-project";
import { docsRoutes } from "./routes/docs";
import { documentContentRoutes } from "./routes/document-content";
import { documentRoutes } from "./routes/documents";
import { healthRoutes } from "./routes/health";
import { modelRoutes } from "./routes/models";
import { projectRoutes } from "./routes/projects";
import { reviewRoutes } from "./routes/review";
import { tokenRoutes } from "./routes/tokens";
import { trainingRoutes } from "./routes/training";
import { webRoutes } from "./routes/web";

/** Request bodies above this are refused before they are read (per-file limits come after). */
const MAX_REQUEST_OVERHEAD = 1024 * 1024;

/** The whole HTTP API as one hono app. Tests call `app.request()`; `main.ts` serves it. */
export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures answer in the one error shape, with the issues for the caller.
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(
          errorBody("validation_failed", "The request does not match the API.", {
            issues: result.error.issues.slice(0, 20).map((i) => ({
              path: i.path.join("."),
              message: i.message,
            })),
          }),
          400,
        );
      }
    },
  });

  app.onError(handleError(deps.logger));
  app.notFound((c) =>
    c.json(errorBody("not_found", `No route ${c.req.method} ${c.req.path}.`), 404),
  );
  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "blob:", "data:"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // Ids and timings only; never bodies or document text.
    deps.logger.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });

  const maxSize = deps.limits.maxFileBytes * deps.limits.maxFilesPerRequest + MAX_REQUEST_OVERHEAD;
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(errorBody("payload_too_large", `The request body exceeds ${maxSize} bytes.`), 413),
    }),
  );
  app.use("/v1/*", requireToken(deps));
  app.use("/v1/projects/:project", resolveProject(deps));
  app.use("/v1/projects/:project/*", resolveProject(deps));

  app.route("/", healthRoutes(deps));
  app.route("/", projectRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", documentRoutes(deps));
  app.route("/", documentContentRoutes(deps));
  app.route("/", reviewRoutes(deps));
  app.route("/", modelRoutes(deps));
  app.route("/", trainingRoutes(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token: Authorization: Bearer pw_…",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Pagewise API",
      version: "0.1.0",
      description:
        "Self-hosted document AI. Errors are always `{ error: { code, message } }` with a stable code.",
    },
    security: [{ bearer: [] }],
  });
  app.route("/", docsRoutes());
  app.route("/", webRoutes(deps.webDir));
  return app;
}

export type PagewiseApp = ReturnType<typeof createApp>;
