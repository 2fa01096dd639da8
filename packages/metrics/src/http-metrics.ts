import { Counter, Histogram } from "prom-client";
import { metricsEnabled, registry } from "./registry";

const requests = new Counter({
  name: "pagewise_http_requests_total",
  help: "HTTP requests answered by the API, by method, route template and status code.",
  labelNames: ["method", "route", "status"] as const,
  registers: [registry],
});

const duration = new Histogram({
  name: "pagewise_http_request_duration_seconds",
  help: "Time from receiving an HTTP request to its response, by method and route template.",
  labelNames: ["method", "route"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/**
 * One answered request. `route` must be the matched route template (`/v1/projects/:project/…`),
 * never the concrete path: ids in labels would grow the series without bound.
 */
export function recordHttpRequest(
  method: string,
  route: string,
  status: number,
  seconds: number,
): void {
  if (!metricsEnabled()) return;
  requests.inc({ method, route, status: String(status) });
  duration.observe({ method, route }, seconds);
}
