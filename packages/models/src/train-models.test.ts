import { createHash } from "node:crypto";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadClassifier, loadExtractor } from "./artifacts/load-model";
import { saveModel } from "./artifacts/save-model";
import { initBackend } from "./backend/init-backend";
import { classifyDocument } from "./classifier/classify-document";
import { trainClassifier } from "./classifier/train-classifier";
import { splitDocuments } from "./dataset/split-documents";
import { evaluateModels } from "./evaluate/evaluate-models";
import { extractFields } from "./extractor/extract-fields";
import type { ExtractorModel } from "./extractor/extractor-model";
import { trainExtractor } from "./extractor/train-extractor";
import { loadTestDocuments } from "./test-support/test-documents";
import { trainModels } from "./train-models";

const split = (dataset: string) =>
  splitDocuments(loadTestDocuments(dataset), (d) => d.id, { seed: 1 });
const receipts = split("sroie");
const invoices = split("zugferd");
const contracts = split("kleister_nda");

const weightsHash = async (model: Parameters<typeof saveModel>[0]) =>
  createHash("sha256")
    .update((await saveModel(model))["weights.bin"]!)
    .digest("hex");

beforeAll(async () => {
  expect(await initBackend()).toBe("wasm");
});

describe("the extractor trained on 32 real receipts", () => {
  let extractor: ExtractorModel;

  beforeAll(async () => {
    extractor = await trainExtractor(receipts.train, DEFAULT_LABEL_SCHEMA, {
      seed: 7,
      minSteps: 300,
    });
  });

  it("reaches macro F1 ≥ 0.6 on the 8 held-back receipts (a broken model scores near 0)", async () => {
    expect(receipts.train).toHaveLength(32);
    expect(receipts.test).toHaveLength(8);
    const report = await evaluateModels({ extractor }, receipts.test);
    expect(report.macroF1).toBeGreaterThanOrEqual(0.6);
    expect(report.fields.date!.f1).toBeGreaterThanOrEqual(0.75);
    expect(report.fields.total!.support).toBe(8);
  });

  it("extracts only the asked category's fields, with boxes and token ids", async () => {
    const fields = await extractFields(extractor, receipts.test[0]!.layout, "receipt");
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) {
      expect(["company", "date", "address", "total"]).toContain(f.name);
      expect(f.tokenIds.length).toBeGreaterThan(0);
      expect(f.box).not.toBeNull();
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
    const asContract = await extractFields(extractor, receipts.test[0]!.layout, "contract");
    for (const f of asContract)
      expect(["parties", "effective_date", "jurisdiction", "term"]).toContain(f.name);
    expect(await extractFields(extractor, receipts.test[0]!.layout, "no_such_category")).toEqual(
      [],
    );
  });

  it("predicts the same after a save/load round trip, and records what made it", async () => {
    const files = await saveModel(extractor);
    expect(Object.keys(files).sort()).toEqual(["metadata.json", "model.json", "weights.bin"]);
    const loaded = await loadExtractor(files);
    for (const doc of receipts.test) {
      expect(await extractFields(loaded, doc.layout, "receipt")).toEqual(
        await extractFields(extractor, doc.layout, "receipt"),
      );
    }
    const metadata = JSON.parse(new TextDecoder().decode(files["metadata.json"]));
    expect(metadata).toMatchObject({ kind: "extractor", seed: 7, backend: "wasm", documents: 32 });
    expect(metadata.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(metadata.labelSchema).toEqual(DEFAULT_LABEL_SCHEMA);
    expect(metadata.featurizer.hashDim).toBeGreaterThan(0);
  });
});

describe("deterministic training", () => {
  const docs = receipts.train.slice(0, 10);
  const options = { epochs: 2, minSteps: 0 };

  it("gives bit-identical extractor weights for the same data and seed, others for another seed", async () => {
    const a = await weightsHash(
      await trainExtractor(docs, DEFAULT_LABEL_SCHEMA, { seed: 3, ...options }),
    );
    const b = await weightsHash(
      await trainExtractor(docs, DEFAULT_LABEL_SCHEMA, { seed: 3, ...options }),
    );
    const c = await weightsHash(
      await trainExtractor(docs, DEFAULT_LABEL_SCHEMA, { seed: 4, ...options }),
    );
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("gives bit-identical classifier weights for the same data and seed", async () => {
    const mixed = [...receipts.train.slice(0, 6), ...invoices.train, ...contracts.train];
    const a = await weightsHash(
      await trainClassifier(mixed, DEFAULT_LABEL_SCHEMA, { seed: 3, epochs: 3 }),
    );
    const b = await weightsHash(
      await trainClassifier(mixed, DEFAULT_LABEL_SCHEMA, { seed: 3, epochs: 3 }),
    );
    expect(b).toBe(a);
  });
});

describe("the classifier", () => {
  it("tells receipts, invoices and contracts apart on held-back documents, also after a round trip", async () => {
    const train = [...receipts.train, ...invoices.train, ...contracts.train];
    const test = [...receipts.test, ...invoices.test, ...contracts.test];
    expect(new Set(test.map((d) => d.category))).toEqual(
      new Set(["receipt", "invoice", "contract"]),
    );
    const { classifier } = await trainModels(train, DEFAULT_LABEL_SCHEMA, {
      seed: 5,
      extractor: { epochs: 1, minSteps: 0 },
      // Only the classifier is scored here: no second extractor for the calibration.
      calibration: false,
    });
    const report = await evaluateModels({ classifier }, test);
    expect(report.classification!.accuracy).toBe(1);
    const loaded = await loadClassifier(await saveModel(classifier));
    for (const doc of test) {
      expect(await classifyDocument(loaded, doc.layout)).toEqual(
        await classifyDocument(classifier, doc.layout),
      );
    }
  });
});
