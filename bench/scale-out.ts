// Scale-out: do two worker processes read an OCR-bound load twice as fast as one?
// Run: npx tsx bench/scale-out.ts [--docs 12] [--rounds 3] [--json]
//   Scanned SROIE receipts (PAGEWISE_DATASETS/sroie, OCR on every page), one reader thread per
//   worker (PAGEWISE_READER_THREADS=1), one API, PostgreSQL, Redis. Each round reads the same
//   receipts (with distinct bytes, so none is a duplicate) with one worker and with two, in the
//   same run, alternating which goes first (whatever drifts weighs on both alike); the rate is
//   documents per second from the first upload to the last terminal status. Prints each round's
//   ratio (two workers' rate / one worker's), then min and median, with the cores the workers
//   kept busy (their CPU seconds per second: a second worker can only add what is free) and the
//   machine's load average; --json prints them as JSON.
//   Target: ≥ 1.8× on two cores. The machine may be shared: figures are noisy.
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { upload } from "../test/support/documents";
import { Platform, sleep } from "../test/support/platform";
import { listDataset, printTable } from "./lib/datasets";
import { figure, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "12" },
    rounds: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
const DOCS = Number(values.docs);
const ROUNDS = Number(values.rounds);
if (!(DOCS >= 2 && ROUNDS >= 1)) throw new Error("--docs ≥ 2 and --rounds ≥ 1");
const TERMINAL = ["processed", "needs_review", "reviewed", "failed"];
const log = (...args: unknown[]) => (values.json ? console.error(...args) : console.log(...args));

const receipts = listDataset("sroie", DOCS).map((d) => d.path);
if (receipts.length < DOCS) throw new Error(`only ${receipts.length} SROIE receipts found`);

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in ticks of 1/100 s
}

interface Measure {
  rate: number;
  /** CPU seconds of the workers per wall second: how many cores they kept busy. */
  cores: number;
}

/** Upload the receipts (a tag appended after the image's end makes distinct bytes), time them. */
async function readAll(platform: Platform, tag: string, workerPids: number[]): Promise<Measure> {
  const cpu = () => workerPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const cpuBefore = cpu();
  const files = receipts.map((path) => ({
    name: basename(path),
    bytes: Buffer.concat([readFileSync(path), Buffer.from(`\n${tag}\n`)]),
  }));
  const started = performance.now();
  const ids = await upload(platform, files);
  for (;;) {
    const rows = await platform.db
      .selectFrom("documents")
      .select(["id", "status"])
      .where("id", "in", ids)
      .where("status", "in", TERMINAL)
      .execute();
    if (rows.length === ids.length) {
      const failed = rows.filter((r) => r.status === "failed");
      if (failed.length) throw new Error(`${failed.length} receipts failed`);
      break;
    }
    await sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rate: ids.length / seconds, cores: (cpu() - cpuBefore) / seconds };
}

const platform = new Platform({
  dialect: "postgres",
  startWorker: false,
  workerEnv: { PAGEWISE_READER_THREADS: "1" },
});
await platform.start();
const rounds: {
  round: number;
  one: number;
  two: number;
  ratio: number;
  coresOne: number;
  coresTwo: number;
}[] = [];
const loadBefore = loadavg()[0]!;
try {
  await platform.startWorker();
  const first = platform.workerPid()!;
  // Warm up the first worker (its OCR engine, modules); the second is warmed after each start.
  await readAll(platform, "warm-up", [first]);
  for (let round = 1; round <= ROUNDS; round++) {
    const measure = async (workers: 1 | 2) => {
      const pids = [first];
      if (workers === 2) {
        await platform.startWorker();
        pids.push(platform.workerPid()!);
        // Warm the new worker too (with two workers running, each takes some of these).
        await readAll(platform, `warm-up-${round}`, pids);
      }
      const measured = await readAll(platform, `round-${round}-${workers}`, pids);
      if (workers === 2) await platform.terminateWorker();
      return measured;
    };
    let one: Measure;
    let two: Measure;
    if (round % 2 === 1) {
      one = await measure(1);
      two = await measure(2);
    } else {
      two = await measure(2);
      one = await measure(1);
    }
    rounds.push({
      round,
      one: one.rate,
      two: two.rate,
      ratio: two.rate / one.rate,
      coresOne: one.cores,
      coresTwo: two.cores,
    });
    log(
      `round ${round}: 1 worker ${one.rate.toFixed(3)} docs/s (${one.cores.toFixed(2)} cores), ` +
        `2 workers ${two.rate.toFixed(3)} docs/s (${two.cores.toFixed(2)} cores)`,
    );
  }
} finally {
  await platform.stop();
}

const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
const mid = Math.floor(ratios.length / 2);
const median = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
// The machine's state: on a shared machine, other work takes cores the second worker needs.
const machine = { cpus: availableParallelism(), loadBefore, loadAfter: loadavg()[0]! };
const summary = {
  docs: DOCS,
  rounds,
  minRatio: ratios[0]!,
  medianRatio: median,
  target: 1.8,
  machine,
};
if (values.json) {
  // One line: the runner (bench/run.ts --json) collects it. `figures` in the shape every bench
  // shares; the round by round detail beside them.
  const mid = rounds.find((r) => r.ratio === median) ?? rounds[0]!;
  const twoWorkers = {
    ...figure(mid.two, mid.one, "documents/s", { meets: median >= 1.8 }),
    ratio: Math.round(median * 1000) / 1000,
    note: `median ratio of ${rounds.length} rounds (min ${summary.minRatio.toFixed(2)}); value and baseline: the median round's rates; target >= 1.8`,
  };
  const r = report("scale-out", { docs: DOCS, rounds: ROUNDS }, { ocrTwoWorkers: twoWorkers });
  console.log(JSON.stringify({ ...r, ...summary, machine: { ...r.machine, ...machine } }));
} else {
  console.log(`\n${DOCS} scanned receipts per measure, one reader thread per worker\n`);
  printTable([
    ["round", "1 worker (docs/s)", "cores", "2 workers (docs/s)", "cores", "ratio"],
    ...rounds.map((r) => [
      r.round,
      r.one.toFixed(3),
      r.coresOne.toFixed(2),
      r.two.toFixed(3),
      r.coresTwo.toFixed(2),
      `${r.ratio.toFixed(2)}×`,
    ]),
  ]);
  console.log(
    `\n${machine.cpus} cores, load average ${machine.loadBefore.toFixed(1)} before, ${machine.loadAfter.toFixed(1)} after`,
  );
  console.log(
    `\nratio min ${summary.minRatio.toFixed(2)}×, median ${median.toFixed(2)}× (target ≥ 1.8×)`,
  );
}
