import { afterEach, describe, expect, it } from "vitest";
import { type MetricsServer, recordJob, startMetricsServer } from "./index";

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("the worker's metrics server", () => {
  it("serves the registry in the Prometheus text format to a loopback caller without a token", async () => {
    server = await startMetricsServer({ host: "127.0.0.1", port: 0, token: undefined });
    recordJob("document.ingest", "completed", 0.2, 0.05);
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain("# TYPE pagewise_job_duration_seconds histogram");
    expect(body).toMatch(
      /pagewise_job_duration_seconds_count\{job_name="document.ingest",outcome="completed"\} \d+/,
    );
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  });

  it("wants the bearer token when one is set", async () => {
    const token = "metrics-secret-0123456789";
    server = await startMetricsServer({ host: "127.0.0.1", port: 0, token });
    const url = `http://127.0.0.1:${server.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: "Bearer nope" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("pagewise_documents_total");
  });

  it("refuses a proxied caller when no token is set", async () => {
    server = await startMetricsServer({ host: "127.0.0.1", port: 0, token: undefined });
    const res = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: { "X-Forwarded-For": "203.0.113.9" },
    });
    expect(res.status).toBe(404);
  });

  it("serves its JSON routes to any caller, and no /metrics when metrics are off", async () => {
    server = await startMetricsServer({
      host: "127.0.0.1",
      port: 0,
      token: "metrics-secret-0123456789",
      metrics: false,
      routes: { "/healthz": async () => ({ status: 200, body: { status: "ok" } }) },
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz?probe=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ status: "ok" });
    const metrics = await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: { Authorization: "Bearer metrics-secret-0123456789" },
    });
    expect(metrics.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(404);
  });
});
