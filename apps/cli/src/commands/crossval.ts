import { appendFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import {
  DEFAULT_EXTRACTOR_OPTIONS,
  disposeModel,
  type ExtractorHyperparameters,
  evaluateModels,
  foldDocuments,
  initBackend,
  type TrainingDocument,
  trainModels,
} from "@pagewise/models";
import { type Command, UsageError } from "../command";
import { loadDocuments } from "../datasets/load-documents";
import { AUGMENT_OPTIONS, augmentArgs, loadAugmentDocuments } from "./augment-options";
import { CROSSVAL_SPEC } from "./command-specs";
import { DATASET_OPTIONS, datasetArgs, parseInteger } from "./dataset-options";

/** `--set name=value` overrides of the extractor's hyperparameters, values as JSON. */
export function parseOverrides(sets: readonly string[]): Partial<ExtractorHyperparameters> {
  const out: Record<string, unknown> = {};
  for (const set of sets) {
    const eq = set.indexOf("=");
    const name = eq > 0 ? set.slice(0, eq) : "";
    if (!(name in DEFAULT_EXTRACTOR_OPTIONS)) {
      const known = Object.keys(DEFAULT_EXTRACTOR_OPTIONS).join(", ");
      throw new UsageError(`--set takes name=value with a hyperparameter name (${known})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(set.slice(eq + 1));
    } catch {
      throw new UsageError(`--set ${name}: the value must be JSON, got "${set.slice(eq + 1)}"`);
    }
    const expected = DEFAULT_EXTRACTOR_OPTIONS[name as keyof typeof DEFAULT_EXTRACTOR_OPTIONS];
    if (Array.isArray(expected) !== Array.isArray(value) || typeof expected !== typeof value)
      throw new UsageError(`--set ${name}: expected a value like ${JSON.stringify(expected)}`);
    out[name] = value;
  }
  return out as Partial<ExtractorHyperparameters>;
}

/**
 * The k folds of documents: round robin over ids in sorted order, so a fold is reproducible;
 * `group: "vendor"` keeps each vendor's documents in one fold (leave-vendors-out).
 */
export function foldsOf<T extends { id: string; group?: string }>(
  docs: readonly T[],
  k: number,
  group: "none" | "vendor" = "none",
): T[][] {
  return foldDocuments(docs, k, group === "vendor" ? (d) => d.group : undefined);
}

/** One document of `--dump`: fold, ids, category and values labeled vs predicted. */
export function dumpLine(
  fold: number,
  doc: TrainingDocument,
  predicted: {
    category: string;
    fields: readonly { name: string; value: string; confidence: number }[];
  },
): string {
  return JSON.stringify({
    fold,
    id: doc.id,
    group: doc.group ?? null,
    category: doc.category,
    predictedCategory: predicted.category,
    truth: doc.fields.map((f) => ({ name: f.name, value: f.value })),
    predicted: predicted.fields.map((f) => ({
      name: f.name,
      value: f.value,
      confidence: f.confidence,
    })),
  });
}

interface FieldTotal {
  f1: number;
  support: number;
}

/**
 * Tune without touching a benchmark's test part: k-fold cross-validation inside the documents
 * given (typically `--split train`). Each fold trains on the other folds and is scored; a
 * field's F1 is averaged over folds weighted by its support, the macro F1 is their mean.
 */
export const crossvalCommand: Command = {
  ...CROSSVAL_SPEC,
  async run(args, { stdout, log, env }) {
    const { values } = parseArgs({
      args,
      options: {
        ...DATASET_OPTIONS,
        folds: { type: "string", default: "5" },
        seed: { type: "string", default: "1" },
        group: { type: "string", default: "none" },
        set: { type: "string", multiple: true, default: [] },
        "score-only": { type: "string", multiple: true, default: [] },
        json: { type: "boolean", default: false },
        dump: { type: "string" },
        ...AUGMENT_OPTIONS,
      },
      strict: true,
    });
    const data = await datasetArgs(values);
    const augment = augmentArgs(values);
    const k = parseInteger("folds", values.folds);
    if (k < 2) throw new UsageError("--folds must be at least 2");
    const seed = parseInteger("seed", values.seed);
    const group = values.group;
    if (group !== "none" && group !== "vendor")
      throw new UsageError("--group must be none or vendor");
    const extractor = parseOverrides(values.set);
    const schema = data.labelSchema ?? DEFAULT_LABEL_SCHEMA;
    await initBackend({ log });
    const docs = await loadDocuments({ ...data, labelSchema: schema, env, log });
    if (docs.length < k) throw new UsageError(`${docs.length} documents cannot make ${k} folds`);
    // Document ids are `<dataset folder>/<stem>`: --score-only keeps those datasets' documents.
    const only = values["score-only"];
    const scored = (doc: TrainingDocument) =>
      only.length === 0 || only.some((d) => doc.id.startsWith(`${d}/`));
    // Augmentation (synthetic documents): trained on in every fold, never scored.
    const synthetic = await loadAugmentDocuments(augment, data, schema, env, log);
    const totals = new Map<string, FieldTotal>();
    let correct = 0;
    let classified = 0;
    const folds = foldsOf(docs, k, group);
    // Error analysis: one JSON line per scored document, its labeled and predicted values.
    const dump = values.dump;
    if (dump) writeFileSync(dump, "");
    if (group === "vendor") {
      const vendors = new Set(docs.map((d) => d.group).filter((g) => g !== undefined));
      log(`leave-vendors-out: ${vendors.size} vendors in ${k} folds`);
    }
    for (const [f, test] of folds.entries()) {
      const train = [...folds.filter((_, g) => g !== f).flat(), ...synthetic];
      const models = await trainModels(train, schema, { seed, extractor });
      try {
        const report = await evaluateModels(models, test.filter(scored), {
          onDocument: dump
            ? (doc, predicted) => appendFileSync(dump, `${dumpLine(f, doc, predicted)}\n`)
            : undefined,
        });
        for (const [name, s] of Object.entries(report.fields)) {
          const total = totals.get(name) ?? { f1: 0, support: 0 };
          total.f1 += s.f1 * s.support;
          total.support += s.support;
          totals.set(name, total);
        }
        correct += (report.classification?.accuracy ?? 0) * report.documents;
        classified += report.documents;
        log(
          `fold ${f + 1}/${k}: trained on ${train.length}, scored ${report.documents}, macro F1 ${report.macroF1.toFixed(3)}`,
        );
      } finally {
        disposeModel(models.classifier);
        disposeModel(models.extractor);
      }
    }
    const fields = Object.fromEntries(
      [...totals].map(([name, t]) => [
        name,
        { f1: t.support > 0 ? t.f1 / t.support : 0, support: t.support },
      ]),
    );
    const f1s = Object.values(fields).map((s) => s.f1);
    const result = {
      folds: k,
      group,
      documents: classified,
      classification: { accuracy: classified > 0 ? correct / classified : null },
      fields,
      macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    };
    if (values.json) stdout(`${JSON.stringify(result)}\n`);
    else {
      for (const [name, s] of Object.entries(fields))
        log(`${name.padEnd(18)} F1 ${(s.f1 * 100).toFixed(1).padStart(6)}  support ${s.support}`);
      log(`macro F1 ${(result.macroF1 * 100).toFixed(1)} % over ${k} folds`);
    }
    return 0;
  },
};
