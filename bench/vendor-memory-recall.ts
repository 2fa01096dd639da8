// The vendor memory alone, without the platform or a model: how often its answers are right.
// Every ZUGFeRD invoice (read from its PDF's text layer, as the pipeline reads it) is observed as
// a review of its ground truth; the memory then answers every *other* invoice of the same vendor
// (`vendor_cluster`) from that one observation. An answer is right when it equals the ground
// truth as the models' evaluation compares values. Two groups: the vendors used to choose the
// same-template test's thresholds, and the two of bench/new-supplier-curve.ts (MVM, Bei Spiel),
// which were not. Value: the memory as shipped; baseline: the same run with the template test
// reduced to its older form (anchor phrases printed anywhere on the page), so the ratio is
// what the geometric test changes (docs/vendor-memory.md).
// Run: npx tsx bench/vendor-memory-recall.ts [--json]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { comparisonKey, DEFAULT_LABEL_SCHEMA, findCategory, type Layout } from "@pagewise/core";
import {
  answerFromVendorMemory,
  observeVendorDocument,
  type RecallOptions,
} from "@pagewise/models";
import { readPdfTextLayer } from "@pagewise/ocr";
import { datasetsDir, printTable } from "./lib/datasets";
import { type Figure, figure, jsonMode, printReport, report } from "./lib/figures";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
jsonMode(values.json);

const HELD_OUT = ["MVM Musterhafter Versicherungsverein Musterstadt a.G.", "Bei Spiel GmbH"];
const invoice = findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!;
const names = new Set(invoice.fields.map((f) => f.name));

interface Invoice {
  vendor: string;
  layout: Layout;
  truth: Record<string, string>;
  fields: { name: string; value: string }[];
}

const dir = join(datasetsDir(), "zugferd");
const invoices: Invoice[] = [];
for (const name of readdirSync(join(dir, "gt")).sort()) {
  if (!name.endsWith(".json")) continue;
  const gt = JSON.parse(readFileSync(join(dir, "gt", name), "utf8")) as {
    file: string;
    vendor_cluster: string;
    fields: Record<string, unknown>;
  };
  const truth = Object.fromEntries(
    Object.entries(gt.fields)
      .filter(([n, v]) => names.has(n) && typeof v === "string")
      .map(([n, v]) => [n, v as string]),
  );
  const layout = await readPdfTextLayer(new Uint8Array(readFileSync(join(dir, gt.file))));
  const fields = Object.entries(truth).map(([n, value]) => ({ name: n, value }));
  invoices.push({ vendor: gt.vendor_cluster, layout, truth, fields });
}

/** Right and wrong answers, and the truth fields asked, over every ordered pair of a group. */
function score(group: Invoice[], options: RecallOptions) {
  let right = 0;
  let wrong = 0;
  let asked = 0;
  let pairs = 0;
  for (const taught of group) {
    const observation = observeVendorDocument(taught.layout, invoice, taught.fields);
    if (!observation) continue;
    for (const next of group) {
      if (next === taught || next.vendor !== taught.vendor) continue;
      pairs++;
      asked += Object.keys(next.truth).length;
      const answer = answerFromVendorMemory(next.layout, invoice, [observation], options);
      for (const f of answer.fields) {
        const def = invoice.fields.find((d) => d.name === f.name)!;
        const want = next.truth[f.name];
        if (want !== undefined && comparisonKey(def, want) === comparisonKey(def, f.value)) right++;
        else wrong++;
      }
    }
  }
  const answered = right + wrong;
  return { right, wrong, asked, pairs, precision: answered ? right / answered : 0 };
}

const groups = {
  Tuning: invoices.filter((d) => !HELD_OUT.includes(d.vendor)),
  HeldOut: invoices.filter((d) => HELD_OUT.includes(d.vendor)),
};
const figures: Record<string, Figure> = {};
const rows: (string | number)[][] = [
  ["vendors", "pairs", "test", "right", "wrong", "precision", "right / fields asked"],
];
for (const [group, docs] of Object.entries(groups)) {
  const shipped = score(docs, {});
  const presence = score(docs, { templateGeometry: false });
  figures[`precision${group}`] = figure(shipped.precision, presence.precision, "share right", {
    note: `${shipped.right} right, ${shipped.wrong} wrong of ${shipped.pairs} pairs; baseline: anchors anywhere (${presence.right} right, ${presence.wrong} wrong)`,
  });
  figures[`answered${group}`] = figure(
    shipped.right / shipped.asked,
    presence.right / presence.asked,
    "right / fields asked",
  );
  for (const [test, s] of [
    ["anchors where they were", shipped],
    ["anchors anywhere", presence],
  ] as const) {
    rows.push([
      group === "Tuning" ? "tuning" : "MVM, Bei Spiel",
      s.pairs,
      test,
      s.right,
      s.wrong,
      s.precision.toFixed(3),
      (s.right / s.asked).toFixed(3),
    ]);
  }
}
printTable(rows);
printReport(values.json, report("vendor-memory-recall", { invoices: invoices.length }, figures));
