// Pipeline speed, each figure against a baseline measured in the same run.
// Run: npx tsx bench/pipeline-throughput.ts [--pdfs 40] [--uploads 400] [--concurrency 16]
//        [--metrics on|off|both]
//  1. Text-layer PDFs, pages/s: raw pdf.js text extraction (open + getTextContent, one thread) vs
//     the whole platform (upload → ingest → page.read → classify → extract → finalize, API and
//     worker processes, SQLite, Redis), from the first upload to the last terminal status; warm
//     (the steady state, a third batch) and cold (the first batch after start) on both sides.
//  2. Ingestion, uploads/s of a 20 KB PDF: a bare hono multipart echo vs POST /documents (hash,
//     blob write, database row, enqueue), same client, same concurrency, worker stopped.
//  3. With --metrics both: the platform's figures again with PAGEWISE_METRICS=off, in the same
//     run, for the cost of metrics (the "on" runs are scraped every second, API and worker, like
//     a Prometheus with a 1 s scrape interval: 15× more often than the shipped config).
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { openPdf } from "@pagewise/ocr";
import { Hono } from "hono";
import { waitForTerminal } from "../test/support/documents";
import { Platform } from "../test/support/platform";
import { listDataset, mapLimit, printTable } from "./lib/datasets";

const { values } = parseArgs({
  options: {
    pdfs: { type: "string", default: "40" },
    uploads: { type: "string", default: "400" },
    concurrency: { type: "string", default: "16" },
    metrics: { type: "string", default: "on" },
  },
});
if (!["on", "off", "both"].includes(values.metrics)) throw new Error("--metrics on|off|both");
type MetricsMode = "on" | "off";
// "both" runs on, off, off, on (ABBA) and averages each mode: whatever drifts during the run
// (a neighbour's load, caches warming) weighs on both sides alike.
const METRIC_MODES = (
  values.metrics === "both" ? ["on", "off", "off", "on"] : [values.metrics]
) as MetricsMode[];

/** Pages and seconds of repeated runs of one mode, added up: their rate is the pooled rate. */
function pool(a: Rate | undefined, b: Rate): Rate {
  return a ? { pages: a.pages + b.pages, seconds: a.seconds + b.seconds } : b;
}

/** A platform with metrics on (scraped every second while it runs) or off. */
function benchPlatform(metrics: "on" | "off", options: { startWorker?: boolean } = {}) {
  const env = { PAGEWISE_METRICS: metrics };
  return new Platform({ ...options, apiEnv: env, workerEnv: env });
}

/** Scrape the API's and every worker's /metrics each second, as Prometheus would; stop() ends it. */
function scrapeEverySecond(platform: Platform): { stop(): void } {
  const urls = () => [
    `${platform.baseUrl}/metrics`,
    ...platform.workerMetricsPorts.map((p) => `http://127.0.0.1:${p}/metrics`),
  ];
  const timer = setInterval(() => {
    for (const url of urls())
      void fetch(url).then(
        (r) => r.arrayBuffer(),
        () => {},
      );
  }, 1_000);
  return { stop: () => clearInterval(timer) };
}

interface Rate {
  pages: number;
  seconds: number;
}

/** Raw pdf.js over the files, one thread: the first pass (cold: module load, JIT), then warm. */
async function rawPdfjsPagesPerSecond(files: Uint8Array[]): Promise<{ cold: Rate; warm: Rate }> {
  const pass = async (): Promise<Rate> => {
    const started = performance.now();
    let pages = 0;
    for (const bytes of files) {
      const doc = await openPdf(bytes.slice());
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        await page.getTextContent();
        page.cleanup();
        pages++;
      }
      await doc.destroy();
    }
    return { pages, seconds: (performance.now() - started) / 1000 };
  };
  const cold = await pass();
  await pass();
  return { cold, warm: await pass() };
}

/** The same bytes plus a round number: content addressing must not dedupe a second round. */
function uniqueBytes(path: string, round: number): Uint8Array {
  const bytes = readFileSync(path);
  const unique = new Uint8Array(bytes.byteLength + 8);
  unique.set(bytes);
  new DataView(unique.buffer).setFloat64(bytes.byteLength, round);
  return unique;
}

/**
 * The whole platform from the first upload to the last terminal status: the first batch after
 * start (cold: reader threads load pdf.js, modules compile) and a later one (warm: the steady
 * state of a platform that runs for days).
 */
async function platformPagesPerSecond(
  paths: string[],
  metrics: "on" | "off",
): Promise<{ cold: Rate; warm: Rate }> {
  const platform = benchPlatform(metrics);
  await platform.start();
  const scraper = metrics === "on" ? scrapeEverySecond(platform) : { stop() {} };
  const batch = async (round: number): Promise<Rate> => {
    const started = performance.now();
    const ids = await mapLimit(paths, 8, async (path) => {
      const form = new FormData();
      form.append("file", new File([uniqueBytes(path, round)], basename(path)));
      const res = await platform.request("/v1/projects/default/documents", {
        method: "POST",
        body: form,
      });
      return ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
    });
    let pages = 0;
    for (const id of ids) pages += (await waitForTerminal(platform, id, 600_000)).pageCount ?? 0;
    return { pages, seconds: (performance.now() - started) / 1000 };
  };
  try {
    const cold = await batch(0);
    await batch(1);
    return { cold, warm: await batch(2) };
  } finally {
    scraper.stop();
    await platform.stop();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });
}

async function uploadsPerSecond(
  url: string,
  token: string | null,
  bytes: Uint8Array,
  count: number,
) {
  const concurrency = Number(values.concurrency);
  const started = performance.now();
  await mapLimit(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const form = new FormData();
      // Distinct bytes per upload, as real uploads are (content addressing would dedupe copies).
      const unique = new Uint8Array(bytes.byteLength + 8);
      unique.set(bytes);
      new DataView(unique.buffer).setFloat64(bytes.byteLength, i);
      form.append("file", new File([unique], `bench-${i}.pdf`));
      const res = await fetch(url, {
        method: "POST",
        body: form,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      if (res.status >= 300) throw new Error(`upload answered ${res.status}`);
      await res.arrayBuffer();
    },
  );
  return count / ((performance.now() - started) / 1000);
}

async function echoServer(): Promise<{ url: string; close: () => void }> {
  const app = new Hono();
  app.post("/upload", async (c) => {
    const body = await c.req.parseBody();
    const file = body.file as File;
    return c.json({ size: (await file.arrayBuffer()).byteLength }, 202);
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  return { url: `http://127.0.0.1:${port}/upload`, close: () => server.close() };
}

const pdfs = [...listDataset("zugferd"), ...listDataset("kleister_nda")]
  .slice(0, Number(values.pdfs))
  .map((d) => d.path);
const files = pdfs.map((p) => new Uint8Array(readFileSync(p)));

console.log(`text PDFs: ${pdfs.length} documents`);
const raw = await rawPdfjsPagesPerSecond(files);
const wholeBy: Partial<Record<MetricsMode, { cold: Rate; warm: Rate }>> = {};
for (const mode of METRIC_MODES) {
  const run = await platformPagesPerSecond(pdfs, mode);
  const before = wholeBy[mode];
  wholeBy[mode] = { cold: pool(before?.cold, run.cold), warm: pool(before?.warm, run.warm) };
}
const whole = (wholeBy.on ?? wholeBy.off)!;

const small = new Uint8Array(
  readFileSync(listDataset("invoice2data").find((d) => d.path.endsWith(".pdf"))!.path),
);
const count = Number(values.uploads);
const echo = await echoServer();
await uploadsPerSecond(echo.url, null, small, 50); // warm-up
const echoRate = await uploadsPerSecond(echo.url, null, small, count);
echo.close();
const uploadRuns: Record<MetricsMode, number[]> = { on: [], off: [] };
for (const mode of METRIC_MODES) {
  const platform = benchPlatform(mode, { startWorker: false });
  await platform.start();
  const scraper = mode === "on" ? scrapeEverySecond(platform) : { stop() {} };
  const apiUrl = `${platform.baseUrl}/v1/projects/default/documents`;
  await uploadsPerSecond(apiUrl, platform.adminToken, small, 50);
  uploadRuns[mode].push(await uploadsPerSecond(apiUrl, platform.adminToken, small, count));
  scraper.stop();
  await platform.stop();
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);
const apiRateBy = { on: mean(uploadRuns.on), off: mean(uploadRuns.off) };
const apiRate = (apiRateBy.on ?? apiRateBy.off)!;

const f = (n: number, d = 1) => n.toFixed(d);
printTable([
  ["measure", "baseline", "Pagewise", "ratio"],
  ...(["warm", "cold"] as const).map((state) => {
    const [r, w] = [raw[state], whole[state]];
    return [
      `text PDF pages/s, ${state} (${r.pages} pages)`,
      `${f(r.pages / r.seconds)} (raw pdf.js, 1 thread)`,
      `${f(w.pages / w.seconds)} (whole pipeline)`,
      f(w.pages / w.seconds / (r.pages / r.seconds), 2),
    ];
  }),
  [
    `uploads/s, ${(small.byteLength / 1024).toFixed(0)} KB PDF, ${values.concurrency} clients`,
    `${f(echoRate)} (bare hono echo)`,
    `${f(apiRate)} (POST /documents)`,
    f(apiRate / echoRate, 2),
  ],
]);
console.log(`(Pagewise column: metrics ${METRIC_MODES[0]})`);

if (wholeBy.on && wholeBy.off && apiRateBy.on && apiRateBy.off) {
  const rate = (r: Rate) => r.pages / r.seconds;
  console.log(
    "\nCost of metrics (same run, on/off/off/on averaged; on = recorded and scraped every second):",
  );
  printTable([
    ["measure", "metrics off", "metrics on", "on / off"],
    ...(["warm", "cold"] as const).map((state) => [
      `text PDF pages/s, ${state}`,
      f(rate(wholeBy.off![state])),
      f(rate(wholeBy.on![state])),
      f(rate(wholeBy.on![state]) / rate(wholeBy.off![state]), 2),
    ]),
    [
      "uploads/s (POST /documents)",
      f(apiRateBy.off),
      f(apiRateBy.on),
      f(apiRateBy.on / apiRateBy.off, 2),
    ],
  ]);
}
process.exit(0);
