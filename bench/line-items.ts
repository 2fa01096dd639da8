// Line items read from invoice pages against the lines of each invoice's own e-invoice XML
// (ZUGFeRD / Factur-X): every PDF of the dataset is read through the pipeline's reader (text
// layer), its rows come from `readLineItems` (no model, nothing trained), its truth from the
// embedded XML. Scored per vendor, and as two groups: the vendors whose layouts were looked at
// while the reader was written (`--tuning`) and the vendors never looked at, the honest figure
// for a supplier the reader has never met. Also the reader's time per page (min and median of
// five rounds), beside the time to read the same pages' text layer as the baseline.
// Run: npx tsx bench/line-items.ts [--json] [--tuning "Lieferant GmbH,Bei Spiel GmbH"]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Layout } from "@pagewise/core";
import {
  type LineItemRow,
  type LineItemTruth,
  readLineItems,
  scoreLineItems,
  type TableScore,
} from "@pagewise/models";
import { DocumentReader, openPdf, readDocument, readEmbeddedEInvoice } from "@pagewise/ocr";
import { datasetsDir, listDataset, printTable } from "./lib/datasets";
import { figure, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    tuning: { type: "string", default: "Lieferant GmbH,Bei Spiel GmbH" },
  },
});
const tuning = new Set(values.tuning.split(",").map((v) => v.trim()));
const log = values.json ? (..._: unknown[]) => {} : console.log;

interface Scored {
  vendor: string;
  layout: Layout;
  predicted: LineItemRow[];
  truth: LineItemTruth[];
}

const reader = new DocumentReader({ threads: 1, languages: "eng" });
const docs: Scored[] = [];
let readMs = 0;
try {
  for (const entry of listDataset("zugferd")) {
    const gt = JSON.parse(
      readFileSync(join(datasetsDir(), "zugferd/gt", `${entry.stem}.json`), "utf8"),
    );
    const bytes = new Uint8Array(readFileSync(entry.path));
    const started = performance.now();
    const layout = await readDocument(reader, bytes.slice());
    readMs += performance.now() - started;
    const pdf = await openPdf(bytes);
    const einvoice = await readEmbeddedEInvoice(pdf).finally(() => pdf.destroy());
    const truth = einvoice?.lineItems ?? [];
    if (truth.length === 0) continue;
    docs.push({ vendor: gt.vendor_cluster, layout, predicted: readLineItems(layout), truth });
  }
} finally {
  await reader.close();
}

const pages = docs.reduce((n, d) => n + d.layout.pages.length, 0);
const rounds: number[] = [];
for (let round = 0; round < 5; round++) {
  const started = performance.now();
  for (const d of docs) readLineItems(d.layout);
  rounds.push((performance.now() - started) / pages);
}
rounds.sort((a, b) => a - b);

const pct = (v: number) => (v * 100).toFixed(1);
const row = (name: string, documents: number, s: TableScore) => [
  name,
  String(documents),
  String(s.rows),
  pct(s.rowPrecision),
  pct(s.rowRecall),
  pct(s.rowF1),
  ...Object.values(s.columns).map((c) => pct(c.f1)),
];
const vendors = [...new Set(docs.map((d) => d.vendor))].sort();
const groups: Record<string, TableScore> = {};
const table: string[][] = [];
for (const vendor of vendors) {
  const mine = docs.filter((d) => d.vendor === vendor);
  table.push(
    row(
      `${tuning.has(vendor) ? "*" : " "} ${vendor.slice(0, 34)}`,
      mine.length,
      scoreLineItems(mine),
    ),
  );
}
for (const [name, keep] of [
  ["vendors looked at (*)", true],
  ["vendors never looked at", false],
] as const) {
  const mine = docs.filter((d) => tuning.has(d.vendor) === keep);
  groups[keep ? "tuning" : "heldOut"] = scoreLineItems(mine);
  table.push(row(name, mine.length, groups[keep ? "tuning" : "heldOut"]!));
}
groups.all = scoreLineItems(docs);
table.push(row("all", docs.length, groups.all));

const baselineMs = readMs / pages;
if (values.json) {
  // Row F1 against the target (0.80): the baseline of a score is its target.
  const f1 = (s: TableScore) => figure(s.rowF1, 0.8, "F1", { meets: s.rowF1 >= 0.8 });
  console.log(
    JSON.stringify(
      report(
        "line-items",
        { tuning: [...tuning] },
        {
          rowF1HeldOut: f1(groups.heldOut!),
          rowF1All: f1(groups.all!),
          readerMsPerPage: figure(rounds[2]!, baselineMs, "ms/page", {
            note: `min ${rounds[0]!.toFixed(2)}; baseline: reading the text layer of the same pages`,
          }),
        },
      ),
    ),
  );
} else {
  log(`ZUGFeRD invoices with lines: ${docs.length} documents, ${pages} pages\n`);
  printTable([
    [
      "vendor",
      "docs",
      "rows",
      "row P",
      "row R",
      "row F1",
      "descr",
      "qty",
      "unit",
      "price",
      "amount",
      "tax",
    ],
    ...table,
  ]);
  log(
    `\nreader: ${rounds[2]!.toFixed(2)} ms/page median, ${rounds[0]!.toFixed(2)} min ` +
      `(reading the text layer of the same pages: ${baselineMs.toFixed(1)} ms/page)`,
  );
}
