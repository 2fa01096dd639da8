// The learning curve on real data: SROIE receipts (their own OCR layouts) fed to a fresh project
// through the API by a simulated reviewer, one at a time; the feedback threshold retrains by
// itself; at 10, 25, 50, 100 and 150 reviews the champion's macro F1 is measured on 30 held-back
// receipts that are never reviewed. Prints the table (with retrainings, promotions, rejections
// and the time each retraining took) and writes bench/results/learning-curve.svg.
// Run: npx tsx bench/learning-curve.ts [--every 10]
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
import { lineChartSvg } from "./lib/svg-chart";

const { values } = parseArgs({ options: { every: { type: "string", default: "10" } } });
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
process.exit(0);
