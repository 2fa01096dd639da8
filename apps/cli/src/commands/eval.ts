import { parseArgs } from "node:util";
import { type EInvoice, findCategory } from "@pagewise/core";
import {
  comparisonKey,
  type EvaluationReport,
  evaluateModels,
  inferLocaleHints,
  initBackend,
  type LineItemTruth,
  locateEInvoiceFields,
  readLineItems,
  scoreLineItems,
  type TableScore,
} from "@pagewise/models";
import { type Command, UsageError } from "../command";
import { loadDocuments } from "../datasets/load-documents";
import { readModelDir } from "../model-dir";
import { EVAL_SPEC } from "./command-specs";
import { DATASET_OPTIONS, datasetArgs } from "./dataset-options";

/**
 * The `--json` shape: exactly these keys (latency only with `--timing`; a field's `ece` and
 * `eceUncalibrated` only when the model predicted values of it).
 */
export function reportJson(
  report: EvaluationReport,
  timing: boolean,
  tables: Record<string, TableScore> = {},
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(report.fields)) {
    fields[name] = {
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      support: s.support,
      ...(s.ece === undefined ? {} : { ece: s.ece }),
      ...(s.eceUncalibrated === undefined ? {} : { eceUncalibrated: s.eceUncalibrated }),
    };
  }
  return {
    documents: report.documents,
    classification: { accuracy: report.classification?.accuracy ?? null },
    fields,
    macroF1: report.macroF1,
    microF1: report.microF1,
    tables,
    ...(timing ? { latency: report.latency } : {}),
  };
}

export function formatReport(report: EvaluationReport): string {
  const pct = (v: number) => (v * 100).toFixed(1).padStart(6);
  const ece = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(3));
  const lines = [`documents: ${report.documents}`];
  if (report.classification) {
    const { labels, matrix } = report.classification.confusion;
    lines.push(
      `classification accuracy: ${pct(report.classification.accuracy)} %`,
      "confusion (rows: true, columns: predicted):",
    );
    lines.push(`  ${"".padEnd(12)}${labels.map((l) => l.padStart(10)).join("")}`);
    labels.forEach((l, i) => {
      lines.push(`  ${l.padEnd(12)}${matrix[i]!.map((n) => String(n).padStart(10)).join("")}`);
    });
  }
  lines.push(
    "",
    `${"field".padEnd(18)}${"precision".padStart(10)}${"recall".padStart(10)}${"F1".padStart(10)}${"support".padStart(9)}${"ECE".padStart(8)}${"raw ECE".padStart(9)}`,
  );
  for (const [name, s] of Object.entries(report.fields)) {
    lines.push(
      `${name.padEnd(18)}${pct(s.precision).padStart(10)}${pct(s.recall).padStart(10)}${pct(s.f1).padStart(10)}${String(s.support).padStart(9)}${ece(s.ece).padStart(8)}${ece(s.eceUncalibrated).padStart(9)}`,
    );
  }
  lines.push("", `macro F1: ${pct(report.macroF1)} %   micro F1: ${pct(report.microF1)} %`);
  lines.push(
    `latency: ${report.latency.meanMsPerPage.toFixed(1)} ms/page mean, ${report.latency.p95MsPerPage.toFixed(1)} ms p95 (${report.latency.pages} pages)`,
  );
  return lines.join("\n");
}

export const evalCommand: Command = {
  ...EVAL_SPEC,
  async run(args, { stdout, log, env }) {
    const { values } = parseArgs({
      args,
      options: {
        ...DATASET_OPTIONS,
        model: { type: "string" },
        json: { type: "boolean", default: false },
        timing: { type: "boolean", default: false },
        "true-category": { type: "boolean", default: false },
        errors: { type: "boolean", default: false },
        "ignore-einvoice": { type: "boolean", default: false },
      },
      strict: true,
    });
    if (!values.model) throw new UsageError("--model MODEL_DIR is required");
    const data = await datasetArgs(values);
    await initBackend({ log });
    const models = await readModelDir(values.model);
    const schema = data.labelSchema ?? models.extractor.metadata.labelSchema;
    const einvoices = new Map<string, EInvoice>();
    const docs = await loadDocuments({
      ...data,
      labelSchema: schema,
      env,
      log,
      // Read even with --ignore-einvoice: the XML's lines are the line items' ground truth.
      onEInvoice: (id, inv) => einvoices.set(id, inv),
    });
    const invoiceCategory = findCategory(schema, "invoice");
    if (!values["ignore-einvoice"]) {
      log(
        `e-invoices: ${einvoices.size} of ${docs.length} documents scored by their XML` +
          (einvoices.size > 0 ? " (--ignore-einvoice scores the models alone)" : ""),
      );
    }
    const report = await evaluateModels(models, docs, {
      useTrueCategory: values["true-category"],
      // The platform's own path: an e-invoice is an invoice with its XML's fields.
      predictionFor: (doc) => {
        const einvoice = values["ignore-einvoice"] ? undefined : einvoices.get(doc.id);
        if (!einvoice || !invoiceCategory) return undefined;
        return {
          category: invoiceCategory.name,
          fields: locateEInvoiceFields(einvoice, invoiceCategory, doc.layout),
        };
      },
      onDocument: values.errors
        ? (doc, predicted) => {
            if (predicted.category !== doc.category)
              log(`${doc.id}: classified ${predicted.category}, is ${doc.category}`);
            const category = findCategory(schema, doc.category);
            const hints = inferLocaleHints(doc.layout);
            const annotated = new Set(doc.annotatedFields ?? category?.fields.map((f) => f.name));
            for (const field of category?.fields ?? []) {
              if (!annotated.has(field.name)) continue;
              const key = (v: string) => comparisonKey(field, v, hints);
              const want = doc.fields.filter((f) => f.name === field.name).map((f) => f.value);
              const got = predicted.fields.filter((f) => f.name === field.name);
              const same =
                new Set(want.map(key)).size === new Set(got.map((f) => key(f.value))).size &&
                got.every((f) => want.map(key).includes(key(f.value)));
              if (same) continue;
              const shown = got.map((f) => `${f.value} (${f.confidence.toFixed(2)})`);
              log(
                `${doc.id} ${field.name}: want ${JSON.stringify(want)} got ${JSON.stringify(shown)}`,
              );
            }
          }
        : undefined,
    });
    const tables = scoreTables(docs, einvoices);
    if (values.json) stdout(`${JSON.stringify(reportJson(report, values.timing, tables))}\n`);
    else log([formatReport(report), ...Object.entries(tables).map(formatTable)].join("\n"));
    return 0;
  },
};

/**
 * Line items read from each document's layout (never from its XML) against the lines its
 * e-invoice XML states; documents whose XML has no lines are not scored.
 */
function scoreTables(
  docs: readonly { id: string; layout: Parameters<typeof readLineItems>[0] }[],
  einvoices: ReadonlyMap<string, EInvoice>,
): Record<string, TableScore> {
  const scored: { predicted: ReturnType<typeof readLineItems>; truth: LineItemTruth[] }[] = [];
  for (const doc of docs) {
    const truth = einvoices.get(doc.id)?.lineItems ?? [];
    if (truth.length === 0) continue;
    scored.push({ predicted: readLineItems(doc.layout), truth });
  }
  return scored.length === 0 ? {} : { line_items: scoreLineItems(scored) };
}

function formatTable([name, t]: [string, TableScore]): string {
  const pct = (v: number) => (v * 100).toFixed(1).padStart(6);
  const lines = [
    "",
    `table ${name}: rows P ${pct(t.rowPrecision)} %  R ${pct(t.rowRecall)} %  F1 ${pct(t.rowF1)} % (${t.rows} rows)`,
  ];
  for (const [column, s] of Object.entries(t.columns))
    lines.push(`  ${column.padEnd(16)} cell F1 ${pct(s.f1)} %  (support ${s.support})`);
  return lines.join("\n");
}
