import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadExtractor } from "../artifacts/load-model";
import { saveModel } from "../artifacts/save-model";
import { initBackend } from "../backend/init-backend";
import { evaluateModels } from "../evaluate/evaluate-models";
import { extractFields } from "../extractor/extract-fields";
import type { ExtractorModel } from "../extractor/extractor-model";
import { loadTestDocuments } from "../test-support/test-documents";
import { trainModels } from "../train-models";
import { calibrationSplit, issuerKey } from "./calibration-split";
import { calibrateConfidence } from "./confidence-calibration";

// The 40 committed receipts: 32 to train (the calibration holds out about 20 % of them, whole
// shops at a time), 8 the models never see.
const receipts = loadTestDocuments("sroie");
const train = receipts.slice(0, 32);
const test = receipts.slice(32);

describe("calibrationSplit", () => {
  it("holds out about a fifth of each category, a shop's receipts together, deterministically", () => {
    const { fit, validation } = calibrationSplit(train, { seed: 7, share: 0.2 });
    expect(fit.length + validation.length).toBe(32);
    expect(validation.length).toBeGreaterThanOrEqual(4);
    expect(validation.length).toBeLessThanOrEqual(10);
    const held = new Set(validation.map(issuerKey));
    for (const d of fit) expect(held.has(issuerKey(d))).toBe(false);
    const reversed = calibrationSplit([...train].reverse(), { seed: 7, share: 0.2 });
    expect(reversed.validation.map((d) => d.id).sort()).toEqual(validation.map((d) => d.id).sort());
  });
});

describe("an extractor trained with calibration on 32 real receipts", () => {
  let extractor: ExtractorModel;

  beforeAll(async () => {
    await initBackend();
    ({ extractor } = await trainModels(train, DEFAULT_LABEL_SCHEMA, {
      seed: 7,
      // A short schedule: this checks the plumbing, not the model's quality.
      extractor: { epochs: 3, minSteps: 0, hashDim: 1024, hidden: [32] },
      classifier: { epochs: 2 },
      // ~6 validation receipts: a map per field from 5 values (30 by default).
      calibration: { minFieldPoints: 5 },
    }));
  }, 120_000);

  it("stores the calibration with the model and applies it after a save/load round trip", async () => {
    const calibration = extractor.metadata.calibration!;
    expect(calibration.method).toBe("isotonic");
    expect(Object.keys(calibration.fields).length).toBeGreaterThan(0);
    const loaded = await loadExtractor(await saveModel(extractor));
    expect(loaded.metadata.calibration).toEqual(calibration);
    let changed = 0;
    for (const doc of test) {
      const raw = await extractFields(loaded, doc.layout, "receipt", { raw: true });
      const calibrated = await extractFields(loaded, doc.layout, "receipt");
      // The same values, only the confidences move.
      expect(calibrated.map((f) => [f.name, f.value])).toEqual(raw.map((f) => [f.name, f.value]));
      calibrated.forEach((f, k) => {
        const expected = calibrateConfidence(calibration, `receipt.${f.name}`, raw[k]!.confidence);
        expect(f.confidence).toBeCloseTo(expected, 10);
        if (Math.abs(f.confidence - raw[k]!.confidence) > 1e-6) changed++;
      });
    }
    expect(changed).toBeGreaterThan(0);
  });

  it("reports ECE before and after per field, with F1 computed on the same values", async () => {
    const report = await evaluateModels({ extractor }, test);
    const total = report.fields.total!;
    expect(total.ece).toBeGreaterThanOrEqual(0);
    expect(total.ece).toBeLessThanOrEqual(1);
    expect(total.eceUncalibrated).toBeGreaterThanOrEqual(0);
    const { calibration: _, ...rest } = extractor.metadata;
    const uncalibrated = await evaluateModels(
      { extractor: { ...extractor, metadata: rest } },
      test,
    );
    expect(uncalibrated.macroF1).toBe(report.macroF1);
    expect(uncalibrated.fields.total!.ece).toBe(total.eceUncalibrated);
  });

  it("still loads an artifact without a calibration (older versions), with raw confidences", async () => {
    const files = await saveModel(extractor);
    const metadata = JSON.parse(new TextDecoder().decode(files["metadata.json"]));
    delete metadata.calibration;
    files["metadata.json"] = new TextEncoder().encode(JSON.stringify(metadata));
    const old = await loadExtractor(files);
    expect(old.metadata.calibration).toBeUndefined();
    const doc = test[0]!.layout;
    expect(await extractFields(old, doc, "receipt")).toEqual(
      await extractFields(extractor, doc, "receipt", { raw: true }),
    );
  });

  it("refuses a malformed calibration with model_load_failed", async () => {
    const files = await saveModel(extractor);
    const metadata = JSON.parse(new TextDecoder().decode(files["metadata.json"]));
    metadata.calibration = { method: "magic" };
    files["metadata.json"] = new TextEncoder().encode(JSON.stringify(metadata));
    await expect(loadExtractor(files)).rejects.toMatchObject({ code: "model_load_failed" });
  });
});
