import { exposedSeriesNames, registry, startProcessMetrics } from "@pagewise/metrics";
import { describe, expect, it } from "vitest";
import { dashboardExpressions, exposedNames, metricNamesIn } from "./support/dashboard";

/**
 * deploy/grafana/pagewise.json may only query what Pagewise exposes: the metric contract
 * (docs/metrics.md) plus Node's default process metrics and Prometheus's own `up`. The
 * Prometheus end-to-end test checks the same names against the running API and worker.
 */
describe("the Grafana dashboard", () => {
  it("parses metric names out of PromQL", () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.9, sum by (le, job_name) (rate(pagewise_job_duration_seconds_bucket{job_name=~"a|b"}[5m])))',
      ),
    ).toEqual(["pagewise_job_duration_seconds_bucket"]);
    expect(metricNamesIn('up{job="x"} == 0 or absent(process_start_time_seconds)')).toEqual([
      "up",
      "process_start_time_seconds",
    ]);
  });

  it("has pipeline, queue and model panels", () => {
    const names = dashboardExpressions().flatMap(metricNamesIn);
    for (const needed of [
      "pagewise_documents_total",
      "pagewise_job_duration_seconds_bucket",
      "pagewise_queue_jobs",
      "pagewise_queue_oldest_waiting_seconds",
      "pagewise_model_live_accuracy",
      "pagewise_model_drift_psi",
    ])
      expect(names).toContain(needed);
  });

  it("queries only metrics that the platform exposes", async () => {
    startProcessMetrics();
    const exposed = new Set([
      ...exposedSeriesNames(),
      ...exposedNames(await registry.metrics()),
      "up",
    ]);
    const unknown = dashboardExpressions()
      .flatMap(metricNamesIn)
      .filter((name) => !exposed.has(name));
    expect(unknown).toEqual([]);
  });
});
