// The new-supplier learning curve: how well the platform reads the later invoices of a vendor it
// has never seen after 0, 1, 2, 3 and 5 of that vendor's invoices were reviewed, through the API
// and the worker as a user would see it. A project gets a champion trained on other vendors'
// invoices (ZUGFeRD sellers other than the unseen ones, invoice2data, and SROIE receipts so the
// classifier knows two categories), imported with their labels. Then, for each unseen vendor
// (ZUGFeRD `vendor_cluster` groups), its invoices are uploaded one at a time and reviewed with
// their ground truth by a simulated reviewer; after k reviews every later invoice of the vendor
// is uploaded afresh and scored (macro F1 over the invoice fields, as the models' evaluation
// compares values). Each point is measured twice: with the vendor memory on and off (the project
// setting `vendorMemory`), the same champion either way. `--retrain` also retrains after each
// review step (the curve "by retraining": the project's own loop, gate included).
// The project reads e-invoices with the models (`readEInvoices: false`): with it on, their XML
// answers every field and there is nothing to learn.
// `--teach einvoice`: the first k invoices are not reviewed but read from their e-invoice XML, which
// teaches the vendor memory (docs/vendor-memory.md); the later ones are scored as plain PDFs.
// Run: npx tsx bench/new-supplier-curve.ts [--json] [--retrain] [--ks 0,1,2,3,5]
//   [--teach review|einvoice]
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_LABEL_SCHEMA, findCategory } from "@pagewise/core";
import { type DatasetDocument, labelsOf, loadDataset } from "../test/support/datasets";
import type { DocumentJson } from "../test/support/documents";
import {
  createProject,
  type ProjectHandle,
  putReview,
  scoreFields,
  startTraining,
  uploadDatasetDocument,
  waitAll,
  waitForRun,
} from "../test/support/loop";
import { Platform } from "../test/support/platform";
import { datasetsDir, printTable } from "./lib/datasets";
import { type Figure, figure, report } from "./lib/figures";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    retrain: { type: "boolean", default: false },
    ks: { type: "string", default: "0,1,2,3,5" },
    vendors: {
      type: "string",
      default: "MVM Musterhafter Versicherungsverein Musterstadt a.G.,Bei Spiel GmbH",
    },
    receipts: { type: "string", default: "10" },
    teach: { type: "string", default: "review" },
  },
});
if (!["review", "einvoice"].includes(values.teach)) throw new Error("--teach review|einvoice");
const TEACH_BY_EINVOICE = values.teach === "einvoice";
const KS = values.ks.split(",").map(Number);
const UNSEEN = values.vendors.split(",");
const INVOICE_FIELDS = findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!.fields.map((f) => f.name);
const log = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);

const root = datasetsDir();
const clusterOf = new Map<string, string>();
for (const name of readdirSync(join(root, "zugferd", "gt"))) {
  const gt = JSON.parse(readFileSync(join(root, "zugferd", "gt", name), "utf8"));
  clusterOf.set(name.replace(/\.json$/, ""), gt.vendor_cluster);
}
const zugferd = loadDataset(root, "zugferd");
const training = [
  ...zugferd.filter((d) => !UNSEEN.includes(clusterOf.get(d.stem)!)),
  ...loadDataset(root, "invoice2data").filter((d) => d.file.endsWith(".pdf")),
  ...loadDataset(root, "sroie").slice(0, Number(values.receipts)),
];

// PostgreSQL: a loaded machine's SQLite answers "database is locked" under a long training.
const platform = new Platform({ dialect: "postgres" });
await platform.start();
const project = await createProject(platform, "new-supplier", {
  readEInvoices: false,
  retrainAfterReviews: 100_000, // only `--retrain` trains, at known points
});

async function setSettings(settings: { vendorMemory?: boolean; readEInvoices?: boolean }) {
  const res = await platform.request(
    `/v1/projects/${project.name}`,
    {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings }),
    },
    project.token,
  );
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${await res.text()}`);
}
const setMemory = (on: boolean) => setSettings({ vendorMemory: on });

async function train(p: ProjectHandle) {
  const run = await waitForRun(platform, p, (await startTraining(platform, p)).id, 1_800_000);
  if (run.status !== "succeeded") throw new Error(`training failed: ${run.error}`);
  return run;
}

const reviewLabels = (doc: DatasetDocument) => labelsOf(doc, INVOICE_FIELDS);

log(`importing ${training.length} labeled documents of other vendors, training the champion…`);
const started = Date.now();
const imported = [];
for (const doc of training) {
  const names = findCategory(DEFAULT_LABEL_SCHEMA, doc.type)!.fields.map((f) => f.name);
  imported.push(
    await uploadDatasetDocument(platform, project, doc, {
      category: doc.type,
      fields: labelsOf(doc, names),
    }),
  );
}
await waitAll(platform, project, imported);
const first = await train(project);
log(
  `champion trained in ${((Date.now() - started) / 1000).toFixed(0)} s (${first.outcome?.extractor?.promoted ? "promoted" : "not promoted"})`,
);

async function score(docs: DatasetDocument[]) {
  const ids = [];
  for (const doc of docs) ids.push(await uploadDatasetDocument(platform, project, doc));
  const predicted: DocumentJson[] = await waitAll(platform, project, ids);
  const result = scoreFields(
    "invoice",
    predicted.map((p, i) => ({ predicted: p, truth: docs[i]! })),
  );
  const fromMemory = predicted.flatMap((p) => p.fields).filter((f) => f.source === "memory").length;
  return { ...result, fromMemory };
}

interface Point {
  vendor: string;
  k: number;
  later: number;
  f1Model: number;
  f1Memory: number;
  fieldsFromMemory: number;
  retrained: boolean;
}
const points: Point[] = [];
for (const vendor of UNSEEN) {
  const docs = zugferd.filter((d) => clusterOf.get(d.stem) === vendor);
  let reviewed = 0;
  for (const k of KS) {
    if (k >= docs.length) continue; // no later invoice left to score
    while (reviewed < k) {
      const doc = docs[reviewed]!;
      // `--teach einvoice`: the vendor's first invoices arrive as e-invoices whose XML is read
      // (the memory learns from it, nobody reviews); the scored ones are read as plain PDFs.
      if (TEACH_BY_EINVOICE) await setSettings({ readEInvoices: true });
      const [processed] = await waitAll(platform, project, [
        await uploadDatasetDocument(platform, project, doc),
      ]);
      if (TEACH_BY_EINVOICE) {
        await setSettings({ readEInvoices: false });
        if (!processed!.fields.some((f) => f.source === "einvoice")) {
          throw new Error(`${doc.stem}: its XML was not read`);
        }
      } else {
        await putReview(platform, project, processed!.id, {
          category: "invoice",
          fields: reviewLabels(doc),
          complete: true,
        });
      }
      reviewed++;
    }
    if (values.retrain && k > 0) await train(project);
    const later = docs.slice(k);
    await setMemory(false);
    const model = await score(later);
    await setMemory(true);
    const memory = await score(later);
    points.push({
      vendor,
      k,
      later: later.length,
      f1Model: model.macroF1,
      f1Memory: memory.macroF1,
      fieldsFromMemory: memory.fromMemory,
      retrained: values.retrain && k > 0,
    });
    log(
      `${vendor.slice(0, 24)} k=${k}: model ${model.macroF1.toFixed(3)}, with memory ${memory.macroF1.toFixed(3)} (${later.length} later invoices)`,
    );
  }
}
await platform.stop();

if (values.json) {
  // The shared bench shape: each point's F1 with the memory against the model alone as the
  // baseline; after one review, the mean over vendors against the target (0.90).
  const figures: Record<string, Figure> = {};
  for (const p of points) {
    const slug = p.vendor.replace(/[^A-Za-z0-9]+/g, "_").slice(0, 24);
    figures[`${slug}_k${p.k}`] = figure(p.f1Memory, p.f1Model, "F1", {
      note: `${p.later} later invoices; baseline: the model alone`,
    });
  }
  const afterOne = points.filter((p) => p.k === 1);
  if (afterOne.length > 0) {
    const mean = afterOne.reduce((sum, p) => sum + p.f1Memory, 0) / afterOne.length;
    const name = TEACH_BY_EINVOICE ? "f1AfterOneEInvoice" : "f1AfterOneReview";
    figures[name] = figure(mean, 0.9, "F1", { meets: mean >= 0.9 });
  }
  console.log(
    JSON.stringify(
      report(
        "new-supplier-curve",
        { retrain: values.retrain, teach: values.teach, training: training.length },
        figures,
      ),
    ),
  );
} else {
  printTable([
    ["vendor", "reviewed k", "later invoices", "F1 model", "F1 model+memory", "fields from memory"],
    ...points.map((p) => [
      p.vendor.slice(0, 28),
      p.k,
      p.later,
      p.f1Model.toFixed(3),
      p.f1Memory.toFixed(3),
      p.fieldsFromMemory,
    ]),
  ]);
}
process.exit(0);
