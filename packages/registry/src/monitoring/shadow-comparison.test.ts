import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import type { LiveReview, ShadowResult } from "@pagewise/storage";
import { describe, expect, it } from "vitest";
import { compareShadow } from "./shadow-comparison";

const field = (name: string, value: string) => ({
  name,
  value,
  normalized: null,
  confidence: 0.9,
  page: 0,
  box: [0, 0, 1, 1] as [number, number, number, number],
  tokenIds: [],
});

function review(documentId: string, served: Record<string, string>, truth: Record<string, string>) {
  return {
    documentId,
    auditSampled: false,
    category: "receipt",
    fields: Object.entries(truth).map(([name, value]) => ({
      name,
      value,
      normalized: null,
      tokenIds: [],
      aligned: false,
      verdict: !(name in served) ? "added" : served[name] === value ? "accepted" : "corrected",
    })),
    predicted: {
      classification: { category: "receipt", confidence: 1 },
      classifierVersion: 1,
      fields: Object.entries(served).map(([n, v]) => field(n, v)),
      extractorVersion: 1,
    },
    createdAt: "2026-01-01T00:00:00.000Z",
  } satisfies LiveReview;
}

const shadow = (documentId: string, values: Record<string, string>): ShadowResult => ({
  documentId,
  kind: "extraction",
  modelVersionId: "mv_2",
  modelVersion: 2,
  data: Object.entries(values).map(([n, v]) => field(n, v)),
  createdAt: "2026-01-01T00:00:00.000Z",
});

describe("champion against challenger in the shadow", () => {
  const reviews = [
    review("a", { total: "1", date: "x" }, { total: "1", date: "2024-01-01" }),
    review("b", { total: "2" }, { total: "2", date: "2024-02-02" }),
    review("c", { total: "3" }, { total: "3" }),
  ];

  it("passes a challenger that does no worse on enough reviewed documents", () => {
    const result = compareShadow({
      kind: "extractor",
      challengerVersion: 2,
      shadow: [
        shadow("a", { total: "1", date: "2024-01-01" }),
        shadow("b", { total: "2", date: "2024-02-02" }),
        shadow("c", { total: "3" }),
        shadow("unreviewed", { total: "9" }),
      ],
      reviews,
      tolerance: 0,
      required: 3,
    });
    expect(result).toMatchObject({ shadowed: 4, documents: 3, worse: [], passed: true });
    const date = result.fields.find((f) => f.field === "date")!;
    // Champion: 1 date predicted, corrected; 1 missed of 2. Challenger: both kept.
    expect(date.champion).toMatchObject({ predicted: 1, kept: 0, corrected: 1, added: 1 });
    expect(date.challenger).toMatchObject({ predicted: 2, kept: 2, keptShare: 1, missedShare: 0 });
  });

  it("names the fields where the challenger is worse beyond the tolerance, and waits for enough documents", () => {
    const run = (tolerance: number, required: number) =>
      compareShadow({
        kind: "extractor",
        challengerVersion: 2,
        shadow: [shadow("a", { total: "7" }), shadow("b", { total: "2" })],
        reviews,
        tolerance,
        required,
      });
    // total: champion kept 2 of 2, challenger 1 of 2 (a drop of 0.5); date: the champion missed 1
    // of 2, the challenger (predicting none) 2 of 2.
    expect(run(0.1, 2)).toMatchObject({ worse: ["date", "total"], passed: false });
    expect(run(0.6, 2)).toMatchObject({ worse: [], passed: true });
    expect(run(0.6, 3)).toMatchObject({ documents: 2, passed: false });
  });

  it("compares the challenger's values by each field's type, as review verdicts are compared", () => {
    const truth = [review("d", { total: "529.87" }, { total: "529.87", date: "2018-12-25" })];
    const run = (labelSchema?: typeof DEFAULT_LABEL_SCHEMA) =>
      compareShadow({
        kind: "extractor",
        challengerVersion: 2,
        shadow: [shadow("d", { total: "529,87", date: "25/12/2018" })],
        reviews: truth,
        tolerance: 0,
        required: 1,
        ...(labelSchema ? { labelSchema } : {}),
      });
    const keptOf = (result: ReturnType<typeof run>, name: string) =>
      result.fields.find((f) => f.field === name)!.challenger.kept;
    // Same amount and date written another way: kept by type, not by the raw string.
    expect(keptOf(run(DEFAULT_LABEL_SCHEMA), "total")).toBe(1);
    expect(keptOf(run(DEFAULT_LABEL_SCHEMA), "date")).toBe(1);
    expect(keptOf(run(), "total")).toBe(0);
  });
});
