import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DEFAULT_LABEL_SCHEMA,
  type FieldType,
  inferLocaleHints,
  normalizeValue,
} from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { alignValue } from "./align/align-value";
import { datasetsDir, loadLayoutDataset } from "./test-support/test-documents";

// Whole-dataset checks: skipped without PAGEWISE_DATASETS, failing if it points nowhere.
const DATA = datasetsDir();

const typeOf = (category: string, field: string): FieldType =>
  DEFAULT_LABEL_SCHEMA.categories
    .find((c) => c.name === category)!
    .fields.find((f) => f.name === field)!.type;

function groundTruths(
  dataset: string,
): { fields: Record<string, string | string[]>; type: string }[] {
  const dir = join(DATA!, dataset, "gt");
  return readdirSync(dir).map((n) => JSON.parse(readFileSync(join(dir, n), "utf8")));
}

describe.skipIf(!DATA)("the full datasets", () => {
  it("aligns at least 99% of SROIE's labeled values to the dataset's own OCR", () => {
    const docs = loadLayoutDataset(join(DATA!, "sroie"));
    expect(docs).toHaveLength(180);
    let found = 0;
    let total = 0;
    for (const doc of docs) {
      const hints = inferLocaleHints(doc.layout);
      for (const f of doc.fields) {
        total++;
        if (
          alignValue(doc.layout, f.value, typeOf("receipt", f.name), { hints, fieldName: f.name })
        )
          found++;
      }
    }
    expect(found / total).toBeGreaterThanOrEqual(0.99);
  });

  it("normalizes every ground-truth date and amount of SROIE, ZUGFeRD and Kleister", () => {
    for (const [dataset, category] of [
      ["sroie", "receipt"],
      ["zugferd", "invoice"],
      ["kleister_nda", "contract"],
    ] as const) {
      for (const gt of groundTruths(dataset)) {
        for (const [name, value] of Object.entries(gt.fields)) {
          const field = DEFAULT_LABEL_SCHEMA.categories
            .find((c) => c.name === category)!
            .fields.find((f) => f.name === name);
          if (!field || !["date", "amount", "term", "currency"].includes(field.type)) continue;
          for (const v of Array.isArray(value) ? value : [value]) {
            expect(normalizeValue(field.type, v), `${dataset} ${name} ${v}`).not.toBeNull();
          }
        }
      }
    }
  });

  it("reads Kleister terms as the official normalized form", () => {
    for (const gt of groundTruths("kleister_nda")) {
      const term = gt.fields.term;
      if (typeof term === "string") expect(normalizeValue("term", term)).toBe(term);
    }
  });
});
