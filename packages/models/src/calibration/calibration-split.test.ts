import { describe, expect, it } from "vitest";
import { loadTestDocuments } from "../test-support/test-documents";
import type { TrainingDocument } from "../types";
import { calibrationSplit } from "./calibration-split";

const real = loadTestDocuments("sroie");
/** Receipts of many issuers: each copy of a real receipt under another company name. */
function issuers(prefix: string, n: number, extra: Partial<TrainingDocument> = {}) {
  return Array.from({ length: n }, (_, i) => {
    const doc = real[i % real.length]!;
    const fields = doc.fields.map((f) =>
      f.name === "company" ? { ...f, value: `${prefix} ${i} SDN BHD` } : f,
    );
    return { ...doc, id: `${prefix}/${i}`, fields, ...extra };
  });
}

describe("calibrationSplit", () => {
  it("holds out whole issuers, about the share asked, and never a synthetic document", () => {
    const docs = [
      ...issuers("real", 30),
      ...issuers("synth", 60, { synthetic: true, weight: 0.25 }),
    ];
    const { fit, validation } = calibrationSplit(docs, { seed: 1, share: 0.2 });
    expect(fit.length + validation.length).toBe(docs.length);
    expect(validation.length).toBeGreaterThanOrEqual(4);
    expect(validation.length).toBeLessThanOrEqual(9);
    expect(validation.every((d) => !d.synthetic)).toBe(true);
    expect(fit.filter((d) => d.synthetic)).toHaveLength(60);
  });
});
