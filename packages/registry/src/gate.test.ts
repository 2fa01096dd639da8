import { describe, expect, it } from "vitest";
import { evaluateGate } from "./gate";

const score = (f1: number, support = 10) => ({ precision: f1, recall: f1, f1, support });
const settings = { fieldTolerance: 0.02, macroTolerance: 0 };

describe("the promotion gate", () => {
  it("promotes the first model when there is no champion", () => {
    const report = evaluateGate({
      kind: "extractor",
      challengerVersion: 1,
      challenger: { documents: 5, macroF1: 0.4, fields: { total: score(0.4) } },
      championVersion: null,
      champion: null,
      settings,
    });
    expect(report.passed).toBe(true);
    expect(report.fields[0]).toMatchObject({ name: "total", champion: null, ok: true });
  });

  it("rejects a challenger whose field F1 fell beyond the tolerance, naming the field", () => {
    const report = evaluateGate({
      kind: "extractor",
      challengerVersion: 3,
      challenger: {
        documents: 20,
        macroF1: 0.9,
        fields: { total: score(0.7), date: score(0.95) },
      },
      championVersion: 2,
      champion: { documents: 20, macroF1: 0.85, fields: { total: score(0.9), date: score(0.95) } },
      settings,
    });
    expect(report.passed).toBe(false);
    expect(report.fields.find((f) => f.name === "total")).toMatchObject({
      ok: false,
      champion: 0.9,
      challenger: 0.7,
    });
    expect(report.reasons.join(" ")).toMatch(/total/);
  });

  it("shows both models' calibration error per field without gating on it", () => {
    const report = evaluateGate({
      kind: "extractor",
      challengerVersion: 4,
      challenger: { documents: 20, macroF1: 0.9, fields: { total: { ...score(0.9), ece: 0.3 } } },
      championVersion: 3,
      // A champion trained before calibration has no ECE.
      champion: { documents: 20, macroF1: 0.9, fields: { total: score(0.9) } },
      settings,
    });
    expect(report.passed).toBe(true);
    expect(report.fields[0]).toEqual({
      name: "total",
      champion: 0.9,
      challenger: 0.9,
      delta: 0,
      support: 10,
      ok: true,
      challengerEce: 0.3,
    });
  });

  it("passes small drops within the tolerance but not a lower macro F1", () => {
    const base = { documents: 20, fields: { total: score(0.9), date: score(0.9) } };
    const within = evaluateGate({
      kind: "extractor",
      challengerVersion: 3,
      challenger: { ...base, macroF1: 0.91, fields: { total: score(0.89), date: score(0.93) } },
      championVersion: 2,
      champion: { ...base, macroF1: 0.9 },
      settings,
    });
    expect(within.passed).toBe(true);
    const lower = evaluateGate({
      kind: "extractor",
      challengerVersion: 3,
      challenger: { ...base, macroF1: 0.899, fields: { total: score(0.899), date: score(0.899) } },
      championVersion: 2,
      champion: { ...base, macroF1: 0.9 },
      settings,
    });
    expect(lower.passed).toBe(false);
    expect(lower.overall).toMatchObject({ metric: "macroF1", ok: false });
  });

  it("judges classifiers by accuracy", () => {
    const report = evaluateGate({
      kind: "classifier",
      challengerVersion: 2,
      challenger: { documents: 20, accuracy: 0.95 },
      championVersion: 1,
      champion: { documents: 20, accuracy: 1 },
      settings,
    });
    expect(report.passed).toBe(false);
    expect(report.fields).toEqual([]);
  });
});

describe("the classifier's gate report", () => {
  it("lists every category with both models' precision, recall, F1 and both confusion matrices", () => {
    // Rows: true invoice, receipt; columns: predicted.
    const challenger = {
      documents: 6,
      accuracy: 5 / 6,
      confusion: {
        labels: ["invoice", "receipt"],
        matrix: [
          [3, 0],
          [1, 2],
        ],
      },
    };
    const champion = {
      documents: 6,
      accuracy: 4 / 6,
      // Another order of categories, and one the challenger never saw.
      confusion: {
        labels: ["receipt", "invoice", "contract"],
        matrix: [
          [1, 2, 0],
          [0, 3, 0],
          [0, 0, 0],
        ],
      },
    };
    const report = evaluateGate({
      kind: "classifier",
      challengerVersion: 2,
      challenger,
      championVersion: 1,
      champion,
      settings,
    });
    expect(report.passed).toBe(true);
    expect(report.confusion).toEqual({
      labels: ["invoice", "receipt", "contract"],
      challenger: [
        [3, 0, 0],
        [1, 2, 0],
        [0, 0, 0],
      ],
      champion: [
        [3, 0, 0],
        [2, 1, 0],
        [0, 0, 0],
      ],
    });
    const receipt = report.classes!.find((c) => c.name === "receipt")!;
    expect(receipt.support).toBe(3);
    expect(receipt.challenger).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(receipt.champion).toMatchObject({ precision: 1, recall: 1 / 3, support: 3 });
    const invoice = report.classes!.find((c) => c.name === "invoice")!;
    expect(invoice.challenger.precision).toBe(0.75);
    expect(report.classes!.map((c) => c.name)).toEqual(["invoice", "receipt", "contract"]);
  });

  it("still reports a classifier scored before confusion matrices were kept, without rows", () => {
    const report = evaluateGate({
      kind: "classifier",
      challengerVersion: 1,
      challenger: { documents: 3, accuracy: 1 },
      championVersion: null,
      champion: null,
      settings,
    });
    expect(report.passed).toBe(true);
    expect(report.classes).toBeUndefined();
  });
});
