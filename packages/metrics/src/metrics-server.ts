import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { renderMetrics } from "./registry";
import { decideScrape } from "./scrape-access";

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port (the bound one is in the result). */
  port: number;
  /** `PAGEWISE_METRICS_TOKEN`; unset serves loopback callers only. */
  token: string | undefined;
  /** False: `/metrics` answers 404 (PAGEWISE_METRICS=off) while the other routes are served. */
  metrics?: boolean;
  /**
   * Further `GET` routes answering JSON (the worker's `/healthz` and `/readyz`), open to every
   * caller like the API's: an orchestrator's probes come from the pod network.
   */
  routes?: Record<string, () => Promise<{ status: number; body: unknown }>>;
}

export interface MetricsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * A process without an HTTP API (the worker) serves its registry on its own port: `GET /metrics`
 * with the same access rule as the API's, and the JSON `routes` it is given (health probes).
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const route = req.method === "GET" ? options.routes?.[path] : undefined;
    if (route) {
      route().then(
        ({ status, body }) =>
          res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)),
        () => res.writeHead(500, { "content-type": "text/plain" }).end("check failed\n"),
      );
      return;
    }
    if (req.method !== "GET" || path !== "/metrics" || options.metrics === false) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const decision = decideScrape(options.token, {
      authorization: req.headers.authorization,
      remoteAddress: req.socket.remoteAddress,
      forwarded:
        req.headers.forwarded !== undefined || req.headers["x-forwarded-for"] !== undefined,
    });
    if (decision === 401) {
      res
        .writeHead(401, { "content-type": "text/plain", "www-authenticate": "Bearer" })
        .end("unauthorized\n");
      return;
    }
    if (decision === 404) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    renderMetrics().then(
      ({ body, contentType }) => res.writeHead(200, { "content-type": contentType }).end(body),
      () => res.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
