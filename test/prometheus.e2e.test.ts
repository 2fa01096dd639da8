import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardExpressions, exposedNames, metricNamesIn } from "./support/dashboard";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT, sleep } from "./support/platform";
import { PrometheusServer, writeScrapeConfig } from "./support/prometheus";

const FIXTURES = join(ROOT, "test/fixtures/invoice2data/files");
const TOKEN = `metrics_${randomBytes(16).toString("hex")}`;

/** Poll until `check` returns a value (not undefined), or fail after `timeoutMs`. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/**
 * A real Prometheus (Debian's) scraping the real API and worker with the shipped scrape config
 * and alert rules, while documents go through the pipeline.
 */
describe("Prometheus scraping the platform", () => {
  const platform = new Platform({
    apiEnv: { PAGEWISE_METRICS_TOKEN: TOKEN },
    workerEnv: { PAGEWISE_METRICS_TOKEN: TOKEN },
  });
  let prometheus: PrometheusServer;

  beforeAll(async () => {
    await platform.start();
    const api = new URL(platform.baseUrl).host;
    const dir = writeScrapeConfig({
      api,
      workers: platform.workerMetricsPorts.map((p) => `127.0.0.1:${p}`),
      token: TOKEN,
      interval: "1s",
    });
    prometheus = new PrometheusServer(dir);
    await prometheus.start();
  });
  afterAll(async () => {
    await prometheus?.stop();
    await platform.stop();
  });

  it("scrapes the API and the worker with the bearer token", async () => {
    const targets = await eventually("both targets up", async () => {
      const t = await prometheus.targets();
      return t.length === 2 && t.every((x) => x.health === "up") ? t : undefined;
    });
    expect(targets.map((t) => t.labels.job).sort()).toEqual(["pagewise-api", "pagewise-worker"]);
    // And nobody else gets in.
    expect((await fetch(`${platform.baseUrl}/metrics`)).status).toBe(401);
  });

  it("sees the documents that finished and how long the jobs took", async () => {
    // Two rounds: the second one's jobs move counters Prometheus has already seen.
    const first = await upload(platform, [join(FIXTURES, "AmazonWebServices.pdf")]);
    await Promise.all(first.map((id) => waitForTerminal(platform, id, 120_000)));
    await sleep(2_500);
    const second = await upload(platform, [
      join(FIXTURES, "FlipkartInvoice.pdf"),
      { name: "broken.pdf", bytes: new TextEncoder().encode("%PDF-1.4\nnot really a pdf\n") },
    ]);
    const finished = await Promise.all(second.map((id) => waitForTerminal(platform, id, 120_000)));
    expect(finished.map((d) => d.status).sort()).toEqual(["failed", "needs_review"]);

    const byStatus = await eventually("pagewise_documents_total", async () => {
      const result = await prometheus.query("sum by (status) (pagewise_documents_total)");
      const map = Object.fromEntries(result.map((r) => [r.metric.status, Number(r.value[1])]));
      return map.needs_review === 2 && map.failed === 1 ? map : undefined;
    });
    expect(byStatus).toEqual({ needs_review: 2, failed: 1 });

    const p90 = await eventually("a job duration quantile", async () => {
      const [r] = await prometheus.query(
        "histogram_quantile(0.9, sum by (le) (rate(pagewise_job_duration_seconds_bucket[1m])))",
      );
      const value = r ? Number(r.value[1]) : Number.NaN;
      return Number.isFinite(value) && value > 0 ? value : undefined;
    });
    expect(p90).toBeLessThan(60);

    const [pages] = await prometheus.query('sum(pagewise_pages_read_total{source="text"})');
    expect(Number(pages?.value[1])).toBeGreaterThanOrEqual(2);
    // A document's terminal status is counted inside its ingest job, the job's duration when the
    // job returns: a scrape in between sees the document and not yet its job.
    const ingests = await eventually("the ingest jobs", async () => {
      const [r] = await prometheus.query(
        'sum(pagewise_job_duration_seconds_count{job_name="document.ingest"})',
      );
      return Number(r?.value[1]) >= 3 ? Number(r?.value[1]) : undefined;
    });
    expect(ingests).toBeGreaterThanOrEqual(3);
    // How much of ingest is reading: the reader call of each readable document (the broken one
    // fails in it), observed inside its ingest job, so already scraped with it.
    const [reads] = await prometheus.query("sum(pagewise_ingest_read_seconds_count)");
    expect(Number(reads?.value[1])).toBe(2);
    // The API is scraped apart from the worker: its latest sample may be a scrape behind.
    const requests = await eventually("the upload requests", async () => {
      const [r] = await prometheus.query(
        'sum(pagewise_http_requests_total{route="/v1/projects/:project/documents",method="POST"})',
      );
      return Number(r?.value[1]) === 2 ? 2 : undefined;
    });
    expect(requests).toBe(2);
    const queues = await prometheus.query('pagewise_queue_jobs{state="waiting"}');
    expect(queues.map((r) => r.metric.queue).sort()).toEqual([
      "maintenance",
      "pipeline",
      "reading",
      "training",
      "webhooks",
    ]);
  });

  it("exposes every metric the Grafana dashboard queries", async () => {
    const scrape = async (url: string) =>
      (await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
    const exposed = new Set([
      ...exposedNames(await scrape(`${platform.baseUrl}/metrics`)),
      ...exposedNames(await scrape(`http://127.0.0.1:${platform.workerMetricsPorts[0]}/metrics`)),
      "up",
    ]);
    const missing = dashboardExpressions()
      .flatMap(metricNamesIn)
      .filter((name) => !exposed.has(name));
    expect(missing).toEqual([]);
  });
});
