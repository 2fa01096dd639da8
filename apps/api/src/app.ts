import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import type { ApiDeps, AppEnv } from "./context";
import { errorBody, handleError } from "./http-errors";
import { authenticate } from "./middleware/authenticate";
import { rateLimit } from "./middleware/rate-limit";
import { recordAuthFailures } from "./middleware/record-auth-failures";
import { recordHttpMetrics } from "./middleware/record-http-metrics";
import { resolveProject } from "./middleware/resolve-project";
import { adminSessionRoutes } from "./routes/admin-session";
import { auditEventRoutes } from "./routes/audit-events";
import { authRoutes } from "./routes/auth";
import { docsRoutes } from "./routes/docs";
import { documentContentRoutes } from "./routes/document-content";
import { documentRoutes } from "./routes/documents";
import { exportRoutes } from "./routes/exports";
import { healthRoutes } from "./routes/health";
import { memberRoutes } from "./routes/members";
import { metricsRoutes } from "./routes/metrics";
import { modelRoutes } from "./routes/models";
import { monitoringRoutes } from "./routes/monitoring";
import { projectRoutes } from "./routes/projects";
import { queuesDashboardRoutes } from "./routes/queues-dashboard";
import { reviewRoutes } from "./routes/review";
import { sessionRoutes } from "./routes/session";
import { tokenRoutes } from "./routes/tokens";
import { trainingRoutes } from "./routes/training";
import { webRoutes } from "./routes/web";
import { webhookRoutes } from "./routes/webhooks";
import { validationHook } from "./validation-hook";

/** Request bodies above this are refused before they are read (per-file limits come after). */
const MAX_REQUEST_OVERHEAD = 1024 * 1024;

/** The whole HTTP API as one hono app. Tests call `app.request()`; `main.ts` serves it. */
export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>({
    // Validation failures answer in the one error shape, saying in words what is wrong.
    defaultHook: validationHook,
  });

  app.onError(handleError(deps.logger));
  // First, so that every request — refused, failed or not found — is counted and timed.
  if (deps.metrics?.enabled !== false) app.use("*", recordHttpMetrics());
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
      // A header a route sets itself wins: a document's file is served with
      // `Content-Security-Policy: sandbox`, which the UI's policy must not replace.
      overwrite: false,
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

  const auth = authenticate(deps);
  const maxSize = deps.limits.maxFileBytes * deps.limits.maxFilesPerRequest + MAX_REQUEST_OVERHEAD;
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(errorBody("payload_too_large", `The request body exceeds ${maxSize} bytes.`), 413),
    }),
  );
  // Limits first (a refused address costs no database work), then the audit of refused
  // sign-ins, then authentication itself.
  if (deps.rateLimit) app.use("/v1/*", rateLimit(deps.rateLimit, deps.logger));
  app.use("/v1/*", recordAuthFailures(deps));
  // Exchanging a token for a browser session carries the token in its body.
  app.use("/v1/*", async (c, next) =>
    c.req.path === "/v1/session" && c.req.method === "POST" ? next() : auth(c, next),
  );
  app.use("/v1/projects/:project", resolveProject(deps));
  app.use("/v1/projects/:project/*", resolveProject(deps));

  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps));
  app.route("/", authRoutes(deps));
  app.route("/", sessionRoutes(deps));
  app.route("/", adminSessionRoutes(deps));
  app.route("/", projectRoutes(deps));
  app.route("/", tokenRoutes(deps));
  app.route("/", memberRoutes(deps));
  app.route("/", documentRoutes(deps));
  app.route("/", documentContentRoutes(deps));
  app.route("/", exportRoutes(deps));
  app.route("/", reviewRoutes(deps));
  app.route("/", modelRoutes(deps));
  app.route("/", trainingRoutes(deps));
  app.route("/", monitoringRoutes(deps));
  app.route("/", auditEventRoutes(deps));
  app.route("/", webhookRoutes(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token: Authorization: Bearer pw_…",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "pagewise_session",
    description:
      "A browser session (OIDC sign-in or POST /v1/session); unsafe requests also need the " +
      "session's CSRF token in X-CSRF-Token and a same-site Origin.",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Pagewise API",
      version: "0.1.0",
      description:
        "Self-hosted document AI. Errors are always `{ error: { code, message } }` with a stable code.",
    },
    security: [{ bearer: [] }, { session: [] }],
  });
  app.route("/", docsRoutes());
  app.route("/", queuesDashboardRoutes(deps));
  app.route("/", webRoutes(deps.webDir));
  return app;
}

export type PagewiseApp = ReturnType<typeof createApp>;
