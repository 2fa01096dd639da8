// The platform runs of bench/pipeline-throughput.ts: a raw pdf.js pass, batches through the
// whole platform, documents one at a time, and the champion it trains and promotes.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openPdf } from "@pagewise/ocr";
import { createRedisConnection, JobProducer, jobIds, QUEUES } from "@pagewise/queue";
import { waitForTerminal } from "../../test/support/documents";
import { Platform, REDIS_URL, ROOT, sleep } from "../../test/support/platform";
import { waitForVersionReady } from "../../test/support/ui-models";
import { datasetsDir, mapLimit } from "./datasets";

export type MetricsMode = "on" | "off";

const TERMINAL = ["processed", "needs_review", "reviewed", "failed"];

export interface Rate {
  pages: number;
  seconds: number;
}
export const rate = (r: Rate) => r.pages / r.seconds;

/** A platform with metrics on (scraped every second while it runs) or off. */
export function benchPlatform(
  metrics: MetricsMode,
  pageImages: string,
  options: { startWorker?: boolean } = {},
) {
  const env = { PAGEWISE_METRICS: metrics };
  const workerEnv = { ...env, PAGEWISE_PAGE_IMAGES: pageImages };
  return new Platform({ ...options, apiEnv: env, workerEnv });
}

/** Scrape the API's and every worker's /metrics each second, as Prometheus would; stop() ends it. */
export function scrapeEverySecond(platform: Platform): { stop(): void } {
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

/**
 * Until the platform's queues are empty: page images rendered after the previous batch's
 * documents (`PAGEWISE_PAGE_IMAGES=review`) must not slow the raw pass measured next (they
 * halved it, and so doubled the ratio).
 */
async function waitForIdle(platform: Platform): Promise<void> {
  const connection = createRedisConnection(REDIS_URL);
  const producer = new JobProducer(connection, platform.prefix);
  const queues = [QUEUES.pipeline, QUEUES.reading].map((name) => producer.queue(name));
  try {
    for (;;) {
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts("waiting", "prioritized", "active", "delayed")),
      );
      if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
      await sleep(100);
    }
  } finally {
    await producer.close();
    connection.disconnect();
  }
}

/** One raw pdf.js pass over the files, one thread: pages and seconds, and each file's ms. */
export async function rawPass(files: Uint8Array[]): Promise<Rate & { perFile: number[] }> {
  const started = performance.now();
  let pages = 0;
  const perFile: number[] = [];
  for (const bytes of files) {
    const fileStarted = performance.now();
    const doc = await openPdf(bytes.slice());
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      await page.getTextContent();
      page.cleanup();
      pages++;
    }
    await doc.destroy();
    perFile.push(performance.now() - fileStarted);
  }
  return { pages, seconds: (performance.now() - started) / 1000, perFile };
}

/** The same bytes plus a tag: content addressing must not dedupe a second round. */
export function uniqueBytes(bytes: Uint8Array, tag: number): Uint8Array {
  const unique = new Uint8Array(bytes.byteLength + 8);
  unique.set(bytes);
  new DataView(unique.buffer).setFloat64(bytes.byteLength, tag);
  return unique;
}

async function uploadOne(platform: Platform, bytes: Uint8Array, name: string): Promise<string> {
  const form = new FormData();
  form.append("file", new File([bytes], name));
  const res = await platform.request("/v1/projects/default/documents", {
    method: "POST",
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
}

/** The whole platform over the files, from the first upload to the last terminal status. */
async function platformBatch(platform: Platform, files: Uint8Array[], tag: number): Promise<Rate> {
  const started = performance.now();
  const ids = await mapLimit(files, 8, (bytes, i) =>
    uploadOne(platform, uniqueBytes(bytes, tag), `bench-${tag}-${i}.pdf`),
  );
  let pages = 0;
  for (const id of ids) pages += (await waitForTerminal(platform, id, 600_000)).pageCount ?? 0;
  // The last terminal status was seen by a poll every 200 ms: take the documents' own times.
  const rows = await platform.db
    .selectFrom("documents")
    .select(["processed_at", "updated_at"])
    .where("id", "in", ids)
    .execute();
  const last = Math.max(...rows.map((r) => Date.parse(r.processed_at ?? r.updated_at)));
  const seconds = (last - (Date.now() - (performance.now() - started))) / 1000;
  return { pages, seconds };
}

/** One document's way, one at a time, in ms (wall clock; the job's times are BullMQ's). */
export interface DocumentTimes {
  /** Upload → the document's processed_at. */
  total: number;
  /** Upload → the 202 answer, as the client sees it. */
  upload: number;
  /** The ingest job added (by the API) → started (by the worker). */
  queued: number;
  /** The ingest job started → finished: reading, writing, classify, extract, finalize. */
  ingest: number;
}

/** One document at a time: upload → terminal (the document's processed_at), and its parts. */
async function oneAtATime(platform: Platform, files: Uint8Array[], tag: number) {
  const out: DocumentTimes[] = [];
  const connection = createRedisConnection(REDIS_URL);
  const producer = new JobProducer(connection, platform.prefix);
  const pipeline = producer.queue(QUEUES.pipeline);
  try {
    for (const [i, bytes] of files.entries()) {
      const sent = Date.now();
      const id = await uploadOne(platform, uniqueBytes(bytes, tag), `one-${tag}-${i}.pdf`);
      const answered = Date.now();
      for (;;) {
        const row = await platform.db
          .selectFrom("documents")
          .select(["status", "processed_at", "updated_at", "pipeline_run"])
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        if (TERMINAL.includes(row.status)) {
          if (row.status === "failed") throw new Error(`document ${i} failed`);
          // The document ends inside its ingest job: the job finishes a moment later.
          const jobId = jobIds.ingest(id, Number(row.pipeline_run));
          let job = await pipeline.getJob(jobId);
          for (let tries = 0; job && !job.finishedOn && tries < 500; tries++) {
            await sleep(2);
            job = await pipeline.getJob(jobId);
          }
          const started = job?.processedOn ?? Number.NaN;
          out.push({
            total: Date.parse(row.processed_at ?? row.updated_at) - sent,
            upload: answered - sent,
            queued: started - (job?.timestamp ?? Number.NaN),
            ingest: (job?.finishedOn ?? Number.NaN) - started,
          });
          break;
        }
        await sleep(2);
      }
    }
  } finally {
    await producer.close();
    connection.disconnect();
  }
  return out;
}

/** Stage seconds the worker's histograms add up (`_sum`), from its /metrics. */
async function workerStageSums(platform: Platform): Promise<Record<string, number>> {
  const port = platform.workerMetricsPorts[0];
  if (port === undefined) return {};
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const sums: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const read = /^pagewise_ingest_read_seconds_sum ([0-9.e+-]+)$/.exec(line);
    if (read) sums.read = Number(read[1]);
    const job =
      /^pagewise_job_duration_seconds_sum\{job_name="document\.(classify|extract|finalize)",outcome="completed"\} ([0-9.e+-]+)$/.exec(
        line,
      );
    if (job) sums[job[1]!] = Number(job[2]);
  }
  return sums;
}

/**
 * Where one document's time goes, one at a time: means per document in ms, so that the parts add
 * up — the upload answered, the ingest job's wait and run, and within the run the reader call,
 * classify, extract and finalize (the worker's histograms); `ingestOther` is the rest of the job
 * (loading the row and the file, writing pages and status, the job's own bookkeeping).
 */
function overheadParts(
  times: DocumentTimes[],
  raw: number[],
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const stage = (key: string) =>
    ((after[key] ?? Number.NaN) - (before[key] ?? Number.NaN)) * (1000 / times.length);
  const parts: Record<string, number> = {
    total: avg(times.map((t) => t.total)),
    rawRead: avg(raw),
    upload: avg(times.map((t) => t.upload)),
    queued: avg(times.map((t) => t.queued)),
    ingestJob: avg(times.map((t) => t.ingest)),
    readerCall: stage("read"),
    classify: stage("classify"),
    extract: stage("extract"),
    finalize: stage("finalize"),
  };
  parts.ingestOther =
    parts.ingestJob! - parts.readerCall! - parts.classify! - parts.extract! - parts.finalize!;
  return parts;
}

/** The worker's inference histogram sums: seconds spent in classify and in extract. */
async function inferenceSeconds(platform: Platform): Promise<number> {
  const port = platform.workerMetricsPorts[0];
  if (port === undefined) return Number.NaN;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^pagewise_inference_seconds_sum\{[^}]*\} ([0-9.e+-]+)$/.exec(line);
    if (m) sum += Number(m[1]);
  }
  return sum;
}

/** Train the champion once (`pagewise train`, train split) unless --model-dir names one. */
export async function trainedModelDir(
  modelDir?: string,
): Promise<{ dir: string; temporary: boolean }> {
  if (modelDir) return { dir: modelDir, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), "pagewise-bench-model-"));
  const data = ["zugferd", "kleister_nda"].flatMap((d) => ["--data", join(datasetsDir(), d)]);
  console.log("training the champion (train split of zugferd and kleister_nda) …");
  const started = performance.now();
  await promisify(execFile)(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "apps/cli/src/main.ts"),
      "train",
      ...data,
      "--split",
      "train",
      "--split-seed",
      "1",
      "--out",
      dir,
    ],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
  );
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { dir, temporary: true };
}

/** Register the model's classifier and extractor and make them champion, as an admin would. */
async function promoteChampion(platform: Platform, dir: string): Promise<void> {
  for (const kind of ["classifier", "extractor"] as const) {
    const kindDir = join(dir, kind);
    const form = new FormData();
    for (const name of readdirSync(kindDir).filter((n) => statSync(join(kindDir, n)).isFile())) {
      form.append("file", new File([readFileSync(join(kindDir, name))], name));
    }
    const res = await platform.request(`/v1/projects/default/models/${kind}/versions`, {
      method: "POST",
      body: form,
    });
    if (res.status !== 201) throw new Error(`register ${kind}: ${res.status} ${await res.text()}`);
    await waitForVersionReady(platform, "default", kind, 1);
    const promoted = await platform.request(
      `/v1/projects/default/models/${kind}/aliases/champion`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: 1, reason: "bench: trained on the train split" }),
      },
    );
    if (promoted.status !== 200) throw new Error(`promote ${kind}: ${promoted.status}`);
  }
}

export interface PipelineRun {
  cold: Rate;
  rawCold: Rate;
  warm: Rate[];
  rawWarm: Rate[];
  /** Upload → terminal minus the raw read, per document, ms. */
  overhead: number[];
  /** Where the overhead goes: mean per document, ms (see `overheadParts`). */
  overheadParts: Record<string, number>;
  overheadPages: number;
  inferenceMsPerPage: number;
}

/** Cold batch, --rounds warm batches (each after a raw pass), then the one-at-a-time overhead. */
export async function pipelineRun(
  files: Uint8Array[],
  overheadFiles: Uint8Array[],
  options: { metrics: MetricsMode; modelDir: string | null; rounds: number; pageImages: string },
): Promise<PipelineRun> {
  const { metrics, modelDir } = options;
  const platform = benchPlatform(metrics, options.pageImages);
  let scraper = { stop() {} };
  try {
    await platform.start();
    if (metrics === "on") scraper = scrapeEverySecond(platform);
    const off = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { readEInvoices: false } }),
    });
    if (off.status !== 200) throw new Error(`settings: ${off.status}`);
    if (modelDir) await promoteChampion(platform, modelDir);
    const rawCold = await rawPass(files);
    const cold = await platformBatch(platform, files, 0);
    const warm: Rate[] = [];
    const rawWarm: Rate[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      await waitForIdle(platform);
      rawWarm.push(await rawPass(files));
      warm.push(await platformBatch(platform, files, round));
    }
    const inferenceBefore = await inferenceSeconds(platform);
    await waitForIdle(platform);
    const raw = await rawPass(overheadFiles);
    const stagesBefore = metrics === "on" ? await workerStageSums(platform) : {};
    const times = await oneAtATime(platform, overheadFiles, 1000);
    const stagesAfter = metrics === "on" ? await workerStageSums(platform) : {};
    const inference = (await inferenceSeconds(platform)) - inferenceBefore;
    return {
      cold,
      rawCold,
      warm,
      rawWarm,
      overhead: times.map((t, i) => t.total - raw.perFile[i]!),
      overheadParts: overheadParts(times, raw.perFile, stagesBefore, stagesAfter),
      overheadPages: raw.pages,
      inferenceMsPerPage: (inference * 1000) / raw.pages,
    };
  } finally {
    scraper.stop();
    await platform.stop();
  }
}
