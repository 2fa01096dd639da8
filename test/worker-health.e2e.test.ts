import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, Platform, ROOT } from "./support/platform";

async function probe(url: string): Promise<{ status: number; body: unknown }> {
  try {
    const res = await fetch(url);
    const text = await res.text();
    return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : text };
  } catch {
    return { status: 0, body: undefined };
  }
}

describe("a worker's health and readiness for orchestrators", () => {
  const platform = new Platform({ dialect: "postgres", startWorker: false });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("answers /healthz and /readyz like the API, and /metrics only when metrics are on", async () => {
    await platform.startWorker();
    const port = platform.workerMetricsPorts[0];
    expect(await probe(`http://127.0.0.1:${port}/healthz`)).toEqual({
      status: 200,
      body: { status: "ok" },
    });
    const ready = await probe(`http://127.0.0.1:${port}/readyz`);
    expect(ready).toEqual({ status: 200, body: { status: "ready", database: true, redis: true } });
    // The same shape as the API's answer (minus the API's own disk and consume checks).
    const api = (await probe(`${platform.baseUrl}/readyz`)).body as Record<string, unknown>;
    expect(api).toMatchObject(ready.body as Record<string, unknown>);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    // The reader pool's state, read on each scrape: the worker keeps its threads warm, so every
    // thread is started and, once loaded, ready, with nothing waiting.
    const gauge = async (series: string) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const line = text.split("\n").find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    // (test/support/platform.ts starts workers with PAGEWISE_READER_THREADS=2)
    expect(await gauge('pagewise_reader_threads{state="started"}')).toBe(2);
    await expect
      .poll(() => gauge('pagewise_reader_threads{state="ready"}'), { timeout: 60_000 })
      .toBe(2);
    expect(await gauge('pagewise_reader_threads{state="busy_background"}')).toBe(0);
    expect(await gauge("pagewise_reader_waiting_requests")).toBe(0);
    // PAGEWISE_READER_MAX_RSS_MB's default, not raised.
    expect(await gauge("pagewise_reader_memory_limit_bytes")).toBe(1536 * 1024 * 1024);
    await platform.terminateWorker();
  });

  it("is alive but not ready while Redis does not answer, and serves no /metrics when they are off", async () => {
    // A Redis nobody listens on: the worker waits for it (it never logs "worker started").
    const port = await freePort();
    const worker = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "apps/worker/src/main.ts")],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          PAGEWISE_DATA_DIR: platform.dataDir,
          DATABASE_URL: platform.databaseUrl,
          REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
          PAGEWISE_QUEUE_PREFIX: platform.prefix,
          PAGEWISE_READER_THREADS: "1",
          PAGEWISE_WORKER_METRICS_PORT: String(port),
          PAGEWISE_METRICS: "off",
        },
        stdio: "ignore",
      },
    );
    try {
      await expect
        .poll(() => probe(`http://127.0.0.1:${port}/readyz`), { timeout: 60_000 })
        .toEqual({ status: 503, body: { status: "not_ready", database: true, redis: false } });
      expect(await probe(`http://127.0.0.1:${port}/healthz`)).toEqual({
        status: 200,
        body: { status: "ok" },
      });
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    } finally {
      worker.kill("SIGKILL");
    }
  });
});
