// Training time with the calibration's extractor in a thread of its own vs in line, same run.
// Run: npx tsx bench/training-threads.ts [--receipts 180] [--rounds 3] [--json]
//  Trains the classifier and the calibrated extractor (`trainModels`, default hyperparameters,
//  seed 1) on the first N SROIE receipts with their dataset layouts, once with
//  `calibrationThread: true` and once false per round, in ABBA order across rounds. It checks
//  that both give the same extractor weights and the same calibration (the thread must change
//  the time only), and prints min and median wall time per mode.
//  --json prints one JSON object (bench/lib/figures.ts): the threaded median as the value, in
//  line as the baseline (ratio below 1: faster).
import { createHash } from "node:crypto";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { initBackend, saveModel, trainModels } from "@pagewise/models";
import { loadLayoutDataset } from "@pagewise/models/testing";
import { datasetsDir, printTable } from "./lib/datasets";
import { figure, jsonMode, median, printReport, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    receipts: { type: "string", default: "180" },
    rounds: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const rounds = Number(values.rounds);

await initBackend();
const docs = loadLayoutDataset(join(datasetsDir(), "sroie")).slice(0, Number(values.receipts));
type Mode = "thread" | "inline";
const seconds: Record<Mode, number[]> = { thread: [], inline: [] };
const outputs = new Set<string>();
for (let round = 0; round < rounds; round++) {
  for (const mode of (round % 2 === 0 ? ["thread", "inline"] : ["inline", "thread"]) as Mode[]) {
    const started = performance.now();
    const { extractor } = await trainModels(docs, DEFAULT_LABEL_SCHEMA, {
      seed: 1,
      calibrationThread: mode === "thread",
    });
    seconds[mode].push((performance.now() - started) / 1000);
    const weights = createHash("sha256")
      .update((await saveModel(extractor))["weights.bin"]!)
      .update(JSON.stringify(extractor.metadata.calibration ?? null))
      .digest("hex");
    outputs.add(weights);
    console.log(`round ${round + 1} ${mode}: ${seconds[mode].at(-1)!.toFixed(1)} s`);
  }
}
if (outputs.size !== 1) throw new Error("the thread changed the models or the calibration");

const min = (xs: number[]) => Math.min(...xs);
console.log(`\n${docs.length} receipts, ${rounds} rounds; min / median (same run, ABBA order)`);
printTable([
  ["mode", "seconds (min / median)"],
  [
    "calibration in line",
    `${min(seconds.inline).toFixed(1)} / ${median(seconds.inline).toFixed(1)}`,
  ],
  [
    "calibration in a thread",
    `${min(seconds.thread).toFixed(1)} / ${median(seconds.thread).toFixed(1)}`,
  ],
  ["thread / in line (medians)", (median(seconds.thread) / median(seconds.inline)).toFixed(3)],
]);
printReport(
  values.json,
  report(
    "training-threads",
    { receipts: docs.length, rounds },
    {
      trainingSeconds: figure(median(seconds.thread), median(seconds.inline), "s", {
        note: `trainModels on ${docs.length} SROIE receipts, calibration's extractor in a thread; baseline: in line, same run, ABBA order; median of ${rounds} (min ${min(seconds.thread).toFixed(1)} vs ${min(seconds.inline).toFixed(1)}); same weights and calibration both ways`,
      }),
    },
  ),
);
