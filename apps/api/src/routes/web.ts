import { Hono } from "hono";
import { serveFileFrom } from "../static-files";

/**
 * The built labeling UI (apps/web/dist) at `/`. Hashed assets are cached for good; any other path
 * that is not a file gets index.html, so the UI's own routes work on reload.
 */
export function webRoutes(webDir: string | undefined) {
  const app = new Hono();
  if (!webDir) return app;
  app.get("/assets/*", async (c) => {
    const file = c.req.path.slice(1);
    return (
      (await serveFileFrom(c, webDir, file, "public, max-age=31536000, immutable")) ?? c.notFound()
    );
  });
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/v1/") || path === "/openapi.json" || path.startsWith("/docs"))
      return next();
    const file = path === "/" ? "index.html" : path.slice(1);
    return (
      (await serveFileFrom(c, webDir, file, "no-cache")) ??
      (await serveFileFrom(c, webDir, "index.html", "no-cache")) ??
      next()
    );
  });
  return app;
}
