import { randomBytes } from "node:crypto";
import { registry } from "@pagewise/metrics";
import { type Job, Queue, QueueEvents, Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { withJobMetrics } from "./job-metrics";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `pw-test-jobmetrics-${randomBytes(4).toString("hex")}`;
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });

afterAll(async () => {
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length) await connection.del(...keys);
  connection.disconnect();
});

/** The value of one series of a histogram (`…_count`, `…_sum`) whose labels include `labels`. */
async function seriesValue(name: string, labels: Record<string, string>): Promise<number> {
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const v of metric.values as Array<{
      metricName?: string;
      labels: Record<string, unknown>;
      value: number;
    }>) {
      if (v.metricName === name && Object.entries(labels).every(([k, val]) => v.labels[k] === val))
        return v.value;
    }
  }
  return 0;
}

describe("the job metrics wrapper", () => {
  it("records every attempt's duration with its outcome, and the wait before it", async () => {
    const queue = new Queue("metrics-test", { connection, prefix });
    const events = new QueueEvents("metrics-test", { connection: connection.duplicate(), prefix });
    await events.waitUntilReady();
    const before = {
      completed: await seriesValue("pagewise_job_duration_seconds_count", {
        job_name: "system.reconcile",
        outcome: "completed",
      }),
      failed: await seriesValue("pagewise_job_duration_seconds_count", {
        job_name: "document.ingest",
        outcome: "failed",
      }),
      unknown: await seriesValue("pagewise_job_duration_seconds_count", { job_name: "unknown" }),
      wait: await seriesValue("pagewise_job_wait_seconds_count", { job_name: "system.reconcile" }),
    };
    const worker = new Worker(
      "metrics-test",
      withJobMetrics(async (job: Job) => {
        await new Promise((r) => setTimeout(r, 30));
        if (job.name === "document.ingest") throw new Error("boom");
        return "ok";
      }),
      { connection: connection.duplicate(), prefix, concurrency: 3 },
    );
    const ok = await queue.add("system.reconcile", {}, { delay: 50 });
    const bad = await queue.add("document.ingest", {});
    const odd = await queue.add("no.such.job", {});
    await ok.waitUntilFinished(events, 10_000);
    await expect(bad.waitUntilFinished(events, 10_000)).rejects.toThrow("boom");
    await odd.waitUntilFinished(events, 10_000);

    const after = (labels: Record<string, string>, name = "pagewise_job_duration_seconds_count") =>
      seriesValue(name, labels);
    expect(await after({ job_name: "system.reconcile", outcome: "completed" })).toBe(
      before.completed + 1,
    );
    expect(await after({ job_name: "document.ingest", outcome: "failed" })).toBe(before.failed + 1);
    // Names outside the catalog share one label value: no unbounded series.
    expect(await after({ job_name: "unknown" })).toBe(before.unknown + 1);
    expect(await after({ job_name: "system.reconcile" }, "pagewise_job_wait_seconds_count")).toBe(
      before.wait + 1,
    );
    // The delayed job waited at least its delay.
    expect(
      await after({ job_name: "system.reconcile" }, "pagewise_job_wait_seconds_sum"),
    ).toBeGreaterThanOrEqual(0.05);
    // The failed attempt ran its 30 ms timer (timers may fire a fraction of a millisecond early
    // against performance.now, so allow 25 ms), and it shows in the exposition text.
    const failedSum = await after(
      { job_name: "document.ingest", outcome: "failed" },
      "pagewise_job_duration_seconds_sum",
    );
    expect(failedSum).toBeGreaterThanOrEqual(0.025);
    expect(await registry.metrics()).toMatch(
      /pagewise_job_duration_seconds_sum\{job_name="document.ingest",outcome="failed"\} 0\.\d+/,
    );

    await worker.close();
    await events.close();
    await queue.close();
  });
});
