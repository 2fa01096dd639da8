// The cost of encryption at rest, measured against itself in the same run.
// Run: npx tsx bench/encryption.ts [--rounds 3] [--uploads 100] [--copies 2] [--concurrency 8]
//        [--json]
//  Each round starts the whole platform (API and worker processes, SQLite, Redis) twice, with
//  PAGEWISE_ENCRYPTION=on and =off, in ABBA order across rounds (on/off, off/on, …) so that a
//  neighbour's load or a warming cache weighs on both sides alike, and measures:
//  1. pages/s: the committed text-layer fixture PDFs (×copies, distinct bytes) from the first
//     upload to the last terminal status (upload → ingest → page.read → classify → extract →
//     finalize; page images rendered in the background are not waited for);
//  2. uploads/s: POST /documents of a 45 KB PDF (distinct bytes each), worker stopped.
//  3. The storage layer alone, in this process (less exposed to a loaded machine): blob put+get
//     of the upload PDF, LocalBlobStore vs EncryptedBlobStore over it, per round.
//  It prints min and median of the rounds per mode, and on / off of the medians.
//  --json prints one JSON object (bench/lib/figures.ts) on stdout, the tables on stderr: each
//  measure with encryption on as the value, off as the baseline (ratio: on / off of the medians).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import {
  type BlobStore,
  EncryptedBlobStore,
  generateMasterKey,
  LocalBlobStore,
  MasterKeyring,
} from "@pagewise/storage";
import { waitForTerminal } from "../test/support/documents";
import { Platform, ROOT } from "../test/support/platform";
import { mapLimit, printTable } from "./lib/datasets";
import { figure, jsonMode, printReport, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    uploads: { type: "string", default: "100" },
    copies: { type: "string", default: "2" },
    concurrency: { type: "string", default: "8" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
type Mode = "on" | "off";

const fixtures = join(ROOT, "test/fixtures");
const PDFS = [
  "zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf",
  "zugferd/files/mustang2__MustangGnuaccountingBeispielRE-20190610_507.pdf",
  "invoice2data/files/AmazonWebServices.pdf",
  "invoice2data/files/FlipkartInvoice.pdf",
  "kleister_nda/files/00a1d238e37ac225b8045a97953e845d.pdf",
].map((p) => join(fixtures, p));
const SMALL = join(fixtures, "invoice2data/files/FlipkartInvoice.pdf");

/** The same bytes plus a tag: content addressing must not dedupe copies or rounds. */
function unique(path: string, tag: number): Uint8Array {
  const bytes = readFileSync(path);
  const out = new Uint8Array(bytes.byteLength + 8);
  out.set(bytes);
  new DataView(out.buffer).setFloat64(bytes.byteLength, tag);
  return out;
}

async function post(platform: Platform, name: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.append("file", new File([bytes], name));
  const res = await platform.request("/v1/projects/default/documents", {
    method: "POST",
    body: form,
  });
  if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
  return ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
}

async function measure(
  mode: Mode,
  round: number,
): Promise<{ pagesPerS: number; uploadsPerS: number }> {
  const env = { PAGEWISE_ENCRYPTION: mode, PAGEWISE_METRICS: "off" };
  const platform = new Platform({ apiEnv: env, workerEnv: env });
  await platform.start();
  try {
    // Warm-up: one document through the whole pipeline (reader threads load pdf.js).
    await waitForTerminal(platform, await post(platform, "warm.pdf", unique(PDFS[0]!, -1 - round)));
    const copies = Number(values.copies);
    const jobs = PDFS.flatMap((path) =>
      Array.from({ length: copies }, (_, c) => ({ path, tag: round * 1000 + c })),
    );
    const started = performance.now();
    const ids = await mapLimit(jobs, 4, (j) =>
      post(platform, basename(j.path), unique(j.path, j.tag)),
    );
    let pages = 0;
    for (const id of ids) pages += (await waitForTerminal(platform, id, 600_000)).pageCount ?? 0;
    const pagesPerS = pages / ((performance.now() - started) / 1000);

    await platform.terminateWorker();
    const count = Number(values.uploads);
    const uploadStarted = performance.now();
    await mapLimit(
      Array.from({ length: count }, (_, i) => i),
      concurrency,
      (i) => post(platform, `bench-${i}.pdf`, unique(SMALL, 1e6 + round * 1e4 + i)),
    );
    const uploadsPerS = count / ((performance.now() - uploadStarted) / 1000);
    return { pagesPerS, uploadsPerS };
  } finally {
    await platform.stop();
  }
}

/** Blob put + get of distinct copies of the upload PDF per second, on a fresh folder. */
async function blobOpsPerSecond(mode: Mode, round: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "pagewise-bench-blobs-"));
  const local = new LocalBlobStore(dir);
  const store: BlobStore =
    mode === "on" ? new EncryptedBlobStore(local, new MasterKeyring([generateMasterKey()])) : local;
  const count = 300;
  const inputs = Array.from({ length: count }, (_, i) => unique(SMALL, 2e6 + round * 1e4 + i));
  const started = performance.now();
  for (const bytes of inputs) {
    const { key } = await store.put(bytes);
    if ((await store.get(key))?.byteLength !== bytes.byteLength) throw new Error("lost a blob");
  }
  const perS = count / ((performance.now() - started) / 1000);
  rmSync(dir, { recursive: true, force: true });
  return perS;
}

const blobRates: Record<Mode, number[]> = { on: [], off: [] };
for (let round = 0; round < Math.max(rounds, 3); round++) {
  for (const mode of (round % 2 === 0 ? ["on", "off"] : ["off", "on"]) as Mode[]) {
    blobRates[mode].push(await blobOpsPerSecond(mode, round));
  }
}

const results: Record<Mode, { pagesPerS: number; uploadsPerS: number }[]> = { on: [], off: [] };
for (let round = 0; round < rounds; round++) {
  const order: Mode[] = round % 2 === 0 ? ["on", "off"] : ["off", "on"];
  for (const mode of order) {
    const r = await measure(mode, round);
    results[mode].push(r);
    console.log(
      `round ${round + 1} encryption ${mode}: ${r.pagesPerS.toFixed(2)} pages/s, ${r.uploadsPerS.toFixed(1)} uploads/s`,
    );
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const min = (xs: number[]) => Math.min(...xs);
const row = (label: string, pick: (r: { pagesPerS: number; uploadsPerS: number }) => number) => {
  const on = results.on.map(pick);
  const off = results.off.map(pick);
  return [
    label,
    `${min(off).toFixed(2)} / ${median(off).toFixed(2)}`,
    `${min(on).toFixed(2)} / ${median(on).toFixed(2)}`,
    (median(on) / median(off)).toFixed(3),
  ];
};
const pagesPerBatch = PDFS.length * Number(values.copies);
console.log(`\n${rounds} rounds; min / median per mode (same run, ABBA order)`);
printTable([
  ["measure", "encryption off", "encryption on", "on / off (medians)"],
  row(`pages/s, ${pagesPerBatch} text PDFs, whole pipeline`, (r) => r.pagesPerS),
  row(
    `uploads/s, ${(readFileSync(SMALL).byteLength / 1024).toFixed(0)} KB PDF, ${concurrency} clients`,
    (r) => r.uploadsPerS,
  ),
  [
    "blob put+get/s, same PDF, in process",
    `${min(blobRates.off).toFixed(0)} / ${median(blobRates.off).toFixed(0)}`,
    `${min(blobRates.on).toFixed(0)} / ${median(blobRates.on).toFixed(0)}`,
    (median(blobRates.on) / median(blobRates.off)).toFixed(3),
  ],
]);

// The same medians as the table (this bench's own median: the mean of the middle two for an
// even number of rounds). Encryption on is the value, off the baseline: ratio = on / off.
const onOff = (on: number[], off: number[], unit: string, what: string) =>
  figure(median(on), median(off), unit, {
    note: `${what}; median of ${on.length} rounds (min on ${min(on).toFixed(2)}, min off ${min(off).toFixed(2)}); baseline: encryption off, same run, ABBA order`,
  });
printReport(
  values.json,
  report(
    "encryption",
    {
      rounds,
      uploads: Number(values.uploads),
      copies: Number(values.copies),
      concurrency,
      blobRounds: blobRates.on.length,
    },
    {
      encryptedPagesPerSecond: onOff(
        results.on.map((r) => r.pagesPerS),
        results.off.map((r) => r.pagesPerS),
        "pages/s",
        `${pagesPerBatch} text PDFs through the whole pipeline`,
      ),
      encryptedUploadsPerSecond: onOff(
        results.on.map((r) => r.uploadsPerS),
        results.off.map((r) => r.uploadsPerS),
        "uploads/s",
        `${(readFileSync(SMALL).byteLength / 1024).toFixed(0)} KB PDF, ${concurrency} clients, worker stopped`,
      ),
      encryptedBlobOpsPerSecond: onOff(
        blobRates.on,
        blobRates.off,
        "put+get/s",
        "blob put + get of the upload PDF in process, EncryptedBlobStore over LocalBlobStore",
      ),
    },
  ),
);
