// The learning curve on real data: SROIE receipts (their own OCR layouts) fed to a fresh project
// through the API by a simulated reviewer, one at a time; the feedback threshold retrains by
// itself; at 10, 25, 50, 100 and 150 reviews the champion's macro F1 is measured on 30 held-back
// receipts that are never reviewed. Prints the table (with retrainings, promotions, rejections
// and the time each retraining took) and writes bench/results/learning-curve.svg.
// Run: npx tsx bench/learning-curve.ts [--every 10] [--json]
// --json prints one JSON object (bench/lib/figures.ts) on stdout, the tables on stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { labelsOf, loadDataset } from "../test/support/datasets";
import {
  createProject,
  listRuns,
  putReview,
  scoreFields,
  uploadDatasetDocument,
  waitAll,
  waitForRun,
} from "../test/support/loop";
import { Platform, sleep } from "../test/support/platform";
import { datasetsDir, printTable } from "./lib/datasets";
import { type Figure, figure, jsonMode, median, printReport, report } from "./lib/figures";
import { lineChartSvg } from "./lib/svg-chart";

const { values } = parseArgs({
  options: {
    every: { type: "string", default: "10" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const CHECKPOINTS = [10, 25, 50, 100, 150];
const receipts = loadDataset(datasetsDir(), "sroie");
const stream = receipts.slice(0, 150);
const heldBack = receipts.slice(150, 180);

const platform = new Platform();
await platform.start();
const project = await createProject(platform, "curve", {
  retrainAfterReviews: Number(values.every),
  retrainCheckIntervalSeconds: 1,
});

async function settle() {
  // Let the scheduler notice the feedback, then wait for every retraining to end.
  await sleep(2500);
  for (;;) {
    const active = (await listRuns(platform, project)).filter(
      (r) => r.status === "queued" || r.status === "running",
    );
    if (active.length === 0) return;
    await waitForRun(platform, project, active[0]!.id, 900_000);
  }
}

async function measure() {
  const ids = [];
  for (const doc of heldBack) ids.push(await uploadDatasetDocument(platform, project, doc));
  const predicted = await waitAll(platform, project, ids);
  return scoreFields(
    "receipt",
    predicted.map((p, i) => ({ predicted: p, truth: heldBack[i]! })),
  );
}

const rows: (string | number)[][] = [
  [
    "reviews",
    "macro F1",
    "company",
    "date",
    "address",
    "total",
    "retrainings",
    "promoted",
    "rejected",
  ],
];
const points: { x: number; y: number; marker: "promoted" | "rejected" | "none" }[] = [];
const figures: Record<string, Figure> = {};
let reviewed = 0;
for (const checkpoint of CHECKPOINTS) {
  while (reviewed < checkpoint) {
    const doc = stream[reviewed]!;
    const [processed] = await waitAll(platform, project, [
      await uploadDatasetDocument(platform, project, doc),
    ]);
    await putReview(platform, project, processed!.id, {
      category: "receipt",
      fields: labelsOf(doc),
      complete: true,
    });
    reviewed++;
  }
  await settle();
  const score = await measure();
  const runs = await listRuns(platform, project);
  const promoted = runs.filter((r) => r.outcome?.extractor?.promoted).length;
  const rejected = runs.filter((r) => r.outcome?.extractor && !r.outcome.extractor.promoted).length;
  const latest = runs[0];
  rows.push([
    checkpoint,
    score.macroF1.toFixed(3),
    ...["company", "date", "address", "total"].map((f) => (score.fields[f] ?? 0).toFixed(3)),
    runs.length,
    promoted,
    rejected,
  ]);
  points.push({
    x: checkpoint,
    y: score.macroF1,
    marker: latest?.outcome?.extractor
      ? latest.outcome.extractor.promoted
        ? "promoted"
        : "rejected"
      : "none",
  });
  console.log(`after ${checkpoint} reviews: macro F1 ${score.macroF1.toFixed(3)}`);
  figures[`macroF1After${checkpoint}Reviews`] = figure(score.macroF1, null, "F1", {
    note: `champion's macro F1 on ${heldBack.length} held-back receipts never reviewed; ${runs.length} retrainings so far (${promoted} promoted, ${rejected} rejected); no baseline`,
  });
}

const runs = (await listRuns(platform, project)).reverse();
await platform.stop();

printTable(rows);
console.log("\nretrainings:");
printTable([
  ["#", "trigger", "status", "extractor", "promoted", "seconds"],
  ...runs.map((r, i) => [
    i + 1,
    r.trigger,
    r.status,
    r.outcome?.extractor?.version ?? "-",
    r.outcome?.extractor ? String(r.outcome.extractor.promoted) : "-",
    r.startedAt && r.finishedAt
      ? ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)
      : "-",
  ]),
]);
const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const svg = lineChartSvg({
  title: "SROIE: held-back macro F1 against reviews (green: promoted, red: rejected)",
  xLabel: "reviews fed through the API",
  yLabel: "macro F1 (30 held-back receipts)",
  points,
});
writeFileSync(join(dir, "learning-curve.svg"), svg);
console.log(`\nchart: ${join(dir, "learning-curve.svg")}`);
const runSeconds = runs
  .filter((r) => r.startedAt && r.finishedAt)
  .map((r) => (Date.parse(r.finishedAt!) - Date.parse(r.startedAt!)) / 1000);
if (runSeconds.length > 0) {
  figures.retrainingSeconds = figure(median(runSeconds), null, "s", {
    note: `median of ${runSeconds.length} retrainings (min ${Math.min(...runSeconds).toFixed(1)}, max ${Math.max(...runSeconds).toFixed(1)}), started → finished; no target`,
  });
}
printReport(
  values.json,
  report(
    "learning-curve",
    {
      every: Number(values.every),
      checkpoints: CHECKPOINTS,
      stream: stream.length,
      heldBack: heldBack.length,
    },
    figures,
  ),
);
process.exit(0);
