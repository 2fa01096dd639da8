import { unwatchQueues, type WatchedQueue, watchQueues } from "@pagewise/metrics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

/** The bindings @hono/node-server gives a request: here only the peer's address matters. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const TOKEN = "metrics-token-0123456789abcdef";

describe("GET /metrics without a metrics token", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi("sqlite");
  });
  afterAll(async () => {
    unwatchQueues();
    await t.close();
  });

  it("serves the Prometheus text format to a loopback caller", async () => {
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      const res = await t.app.request("/metrics", {}, from(address));
      expect(res.status, address).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const body = await res.text();
      expect(body).toContain("# TYPE pagewise_http_requests_total counter");
      expect(body).toContain("# TYPE pagewise_queue_jobs gauge");
    }
  });

  it("does not exist for remote, proxied or unknown callers", async () => {
    expect((await t.app.request("/metrics", {}, from("10.0.0.7"))).status).toBe(404);
    expect((await t.app.request("/metrics")).status).toBe(404);
    const proxied = await t.app.request(
      "/metrics",
      { headers: { "X-Forwarded-For": "203.0.113.5" } },
      from("127.0.0.1"),
    );
    expect(proxied.status).toBe(404);
    // Not the UI's index.html either.
    expect(proxied.headers.get("content-type")).toContain("application/json");
  });

  it("labels requests with the route template, never an id", async () => {
    await t.app.request("/v1/projects/default/documents/doc_not_there_42", {
      headers: t.auth(t.adminToken),
    });
    const body = await (await t.app.request("/metrics", {}, from("127.0.0.1"))).text();
    expect(body).toMatch(
      /pagewise_http_requests_total\{method="GET",route="\/v1\/projects\/:project\/documents\/:id",status="404"\} 1/,
    );
    expect(body).toMatch(
      /pagewise_http_request_duration_seconds_count\{method="GET",route="\/v1\/projects\/:project\/documents\/:id"\} 1/,
    );
    expect(body).not.toContain("doc_not_there_42");
  });

  it("reports queue depth and the oldest waiting job's age, read from Redis on scrape", async () => {
    const queue = t.producer.queue("maintenance");
    watchQueues([queue as unknown as WatchedQueue]);
    await queue.add("system.reconcile", {}, { timestamp: Date.now() - 30_000 });
    await queue.add("system.reconcile", {});
    // A prioritized job waits too (every document job has a priority), and may be the oldest.
    await queue.add("system.reconcile", {}, { priority: 5, timestamp: Date.now() - 40_000 });
    const body = await (await t.app.request("/metrics", {}, from("127.0.0.1"))).text();
    expect(body).toContain('pagewise_queue_jobs{queue="maintenance",state="waiting"} 3');
    expect(body).toContain('pagewise_queue_jobs{queue="maintenance",state="failed"} 0');
    const age = Number(
      /pagewise_queue_oldest_waiting_seconds\{queue="maintenance"\} ([\d.]+)/.exec(body)?.[1],
    );
    expect(age).toBeGreaterThanOrEqual(39);
    expect(age).toBeLessThan(120);
  });
});

describe("GET /metrics with a metrics token", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi("sqlite", undefined, { metrics: { enabled: true, token: TOKEN } });
  });
  afterAll(async () => t.close());

  it("wants the token from every caller, loopback included", async () => {
    const local = await t.app.request("/metrics", {}, from("127.0.0.1"));
    expect(local.status).toBe(401);
    expect(((await local.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    const wrong = await t.app.request(
      "/metrics",
      { headers: { Authorization: "Bearer not-the-token" } },
      from("127.0.0.1"),
    );
    expect(wrong.status).toBe(401);
    // An API token is not the metrics token.
    const apiToken = await t.app.request(
      "/metrics",
      { headers: t.auth(t.adminToken) },
      from("127.0.0.1"),
    );
    expect(apiToken.status).toBe(401);
    const remote = await t.app.request(
      "/metrics",
      { headers: { Authorization: `Bearer ${TOKEN}` } },
      from("10.0.0.7"),
    );
    expect(remote.status).toBe(200);
    expect(await remote.text()).toContain("pagewise_http_request_duration_seconds");
  });
});

describe("GET /metrics with metrics off", () => {
  it("answers 404 even on loopback", async () => {
    const t = await createTestApi("sqlite", undefined, { metrics: { enabled: false } });
    try {
      expect((await t.app.request("/metrics", {}, from("127.0.0.1"))).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});
