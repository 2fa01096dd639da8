import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Hono } from "hono";
import { serveFileFrom } from "../static-files";

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve("swagger-ui-dist/package.json"));
const ASSETS = new Set([
  "swagger-ui.css",
  "swagger-ui-bundle.js",
  "swagger-ui-standalone-preset.js",
]);

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Pagewise API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#ui", persistAuthorization: true });`;

/** The API reference at /docs, served from the installed swagger-ui-dist (works offline). */
export function docsRoutes() {
  const app = new Hono();
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/init.js", (c) => c.body(INIT, 200, { "Content-Type": "text/javascript" }));
  app.get("/docs/assets/:name", async (c) => {
    const name = c.req.param("name");
    if (!ASSETS.has(name)) return c.notFound();
    return (await serveFileFrom(c, SWAGGER_DIR, name, "public, max-age=86400")) ?? c.notFound();
  });
  return app;
}
