// Worker memory over a long run: does the worker's RSS stay flat?
// Run: npx tsx bench/worker-rss.ts [--docs 3000] [--inflight 32] [--json]
//   One worker process (two reader threads, as shipped), SQLite, Redis, no model, e-invoice XML
//   reading off (every PDF is read page by page). Uploads --docs small real text PDFs (the
//   ZUGFeRD and invoice2data PDFs, 1 to 3 pages, each upload with distinct bytes), keeping at most --inflight documents not yet terminal, and samples the
//   worker's resident set (VmRSS of /proc/<pid>/status: its reader threads are in the process)
//   every second against the number of finished documents. Prints RSS at start (after the first
//   5 % of documents), the plateau (median of the last half), the max, and the slope of the
//   last half (least squares, MiB per 1,000 documents). Flat: the last half grows by less than
//   5 % of the plateau and the max stays under 1 GiB.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { Platform, sleep } from "../test/support/platform";
import { listDataset, printTable } from "./lib/datasets";
import { figure, jsonMode, median, printReport, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "3000" },
    inflight: { type: "string", default: "32" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const DOCS = Number(values.docs);
const INFLIGHT = Number(values.inflight);
if (!(DOCS >= 20 && INFLIGHT >= 1)) throw new Error("--docs >= 20 and --inflight >= 1");
const TERMINAL = ["processed", "needs_review", "reviewed", "failed"];
const MIB = 1024 * 1024;
const LIMIT_BYTES = 1024 * MIB;

const paths = [...listDataset("zugferd"), ...listDataset("invoice2data")]
  .map((d) => d.path)
  .filter((p) => p.endsWith(".pdf") && statSync(p).size < 400 * 1024);
const files = paths.map((p) => ({ name: basename(p), bytes: readFileSync(p) }));
console.log(`${files.length} distinct small text PDFs, ${DOCS} uploads`);

function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

const platform = new Platform({ startWorker: true });
// A bench stopped early (timeout, Ctrl-C) still stops the API and worker it started.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void platform.stop().finally(() => process.exit(130)));
}
// A start that fails (the API not ready in time on a loaded machine) stops what it started.
await platform.start().catch(async (error: unknown) => {
  await platform.stop();
  throw error;
});
const off = await platform.request("/v1/projects/default", {
  method: "PATCH",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ settings: { readEInvoices: false } }),
});
if (off.status !== 200) throw new Error(`settings: ${off.status}`);
const pid = platform.workerPid()!;
const samples: { docs: number; rss: number; main?: MainThreadMemory }[] = [];

/** The worker's main thread (not its reader threads): JS heap used and external buffers. */
interface MainThreadMemory {
  heapUsed: number;
  external: number;
}

/** From the worker's own `/metrics` (prom-client's default Node.js metrics). */
async function mainThreadMemory(): Promise<MainThreadMemory | undefined> {
  const port = platform.workerMetricsPorts[0];
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => "");
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
  const heapUsed = gauge("nodejs_heap_size_used_bytes");
  const external = gauge("nodejs_external_memory_bytes");
  return Number.isFinite(heapUsed) && Number.isFinite(external)
    ? { heapUsed, external }
    : undefined;
}
let done = 0;
let failed = 0;
let uploaded = 0;
let sampling = true;
const started = performance.now();

async function countTerminal(): Promise<void> {
  const rows = await platform.db
    .selectFrom("documents")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "in", TERMINAL)
    .groupBy("status")
    .execute();
  done = rows.reduce((a, r) => a + Number(r.n), 0);
  failed = Number(rows.find((r) => r.status === "failed")?.n ?? 0);
}

const sampler = (async () => {
  while (sampling) {
    await countTerminal();
    const sample: (typeof samples)[number] = { docs: done, rss: rssBytes(pid) };
    // Every 10 s: where the main thread's share goes (the rest is the reader threads').
    if (samples.length % 10 === 0) sample.main = await mainThreadMemory();
    samples.push(sample);
    if (samples.length % 30 === 0) {
      console.log(`  ${done}/${DOCS} documents, RSS ${(samples.at(-1)!.rss / MIB).toFixed(0)} MiB`);
    }
    await sleep(1_000);
  }
})();

try {
  const upload = async (i: number) => {
    const file = files[i % files.length]!;
    const bytes = Buffer.concat([file.bytes, Buffer.from(`\n%bench ${i}\n`)]);
    const form = new FormData();
    form.append("file", new File([bytes], file.name));
    const res = await platform.request("/v1/projects/default/documents", {
      method: "POST",
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
    await res.arrayBuffer();
  };
  while (uploaded < DOCS) {
    if (uploaded - done >= INFLIGHT) {
      await sleep(50);
      continue;
    }
    const batch = Math.min(INFLIGHT - (uploaded - done), DOCS - uploaded, 8);
    await Promise.all(Array.from({ length: batch }, (_, k) => upload(uploaded + k)));
    uploaded += batch;
  }
  while (done < DOCS) {
    await sleep(500);
    await countTerminal();
  }
} finally {
  sampling = false;
  await sampler;
  await platform.stop();
}
const seconds = (performance.now() - started) / 1000;

const startSample = samples.find((s) => s.docs >= DOCS * 0.05) ?? samples[0]!;
const lastHalf = samples.filter((s) => s.docs >= DOCS / 2);
const plateau = median(lastHalf.map((s) => s.rss));
const max = Math.max(...samples.map((s) => s.rss));
// Least squares slope of RSS over documents in the last half, bytes per document.
const mx = lastHalf.reduce((a, s) => a + s.docs, 0) / lastHalf.length;
const my = lastHalf.reduce((a, s) => a + s.rss, 0) / lastHalf.length;
const sxy = lastHalf.reduce((a, s) => a + (s.docs - mx) * (s.rss - my), 0);
const sxx = lastHalf.reduce((a, s) => a + (s.docs - mx) ** 2, 0);
const slope = sxx > 0 ? sxy / sxx : 0;
const growth = slope * (DOCS / 2);
const flat = growth < 0.05 * plateau && max <= LIMIT_BYTES;

const m = (b: number) => (b / MIB).toFixed(0);
const withMain = samples.filter((s) => s.main);
const mainAtStart = withMain.find((s) => s.docs >= startSample.docs)?.main ?? withMain[0]?.main;
const mainAtEnd = withMain.at(-1)?.main;
const mainRow = (label: string, pick: (x: MainThreadMemory) => number): [string, string] => [
  label,
  mainAtStart && mainAtEnd ? `${m(pick(mainAtStart))} → ${m(pick(mainAtEnd))} MiB` : "n/a",
];
printTable([
  ["measure", "value"],
  ["documents (failed)", `${DOCS} (${failed})`],
  ["time", `${seconds.toFixed(0)} s (${(DOCS / seconds).toFixed(1)} docs/s)`],
  ["RSS at start (5 % done)", `${m(startSample.rss)} MiB`],
  ["RSS plateau (median of last half)", `${m(plateau)} MiB`],
  ["RSS max", `${m(max)} MiB`],
  ["slope of last half", `${((slope * 1000) / MIB).toFixed(1)} MiB / 1,000 docs`],
  ["flat (last half < 5 % growth, max <= 1 GiB)", flat ? "yes" : "NO"],
  mainRow("main thread JS heap used (5 % → end)", (x) => x.heapUsed),
  mainRow("main thread external buffers (5 % → end)", (x) => x.external),
]);
printReport(
  values.json,
  report(
    "worker-rss",
    { docs: DOCS, inflight: INFLIGHT, distinctFiles: files.length },
    {
      workerRssMaxMiB: figure(max / MIB, LIMIT_BYTES / MIB, "MiB", {
        meets: max <= LIMIT_BYTES,
        note: `start ${m(startSample.rss)} MiB, plateau ${m(plateau)} MiB; target <= 1 GiB`,
      }),
      workerRssPlateauMiB: figure(plateau / MIB, LIMIT_BYTES / MIB, "MiB"),
      workerRssSlopeMiBPer1000Docs: figure((slope * 1000) / MIB, null, "MiB/1000 docs", {
        meets: flat,
        note: `last half grows ${m(growth)} MiB (${((100 * growth) / plateau).toFixed(1)} % of the plateau); flat: < 5 %`,
      }),
    },
  ),
);
process.exit(0);
