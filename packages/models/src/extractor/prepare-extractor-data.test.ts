import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { TOKEN_FEATURIZER_VERSION } from "../features/token-features";
import { loadTestDocuments } from "../test-support/test-documents";
import { createPrng } from "../util/prng";
import { extractorLabels } from "./label-space";
import { prepareExtractorData } from "./prepare-extractor-data";

const labels = extractorLabels(DEFAULT_LABEL_SCHEMA);
const config = {
  version: TOKEN_FEATURIZER_VERSION,
  hashDim: 1024,
  categories: DEFAULT_LABEL_SCHEMA.categories.map((c) => c.name),
  identityWeight: 1,
  labelContext: true,
};
const sampling = {
  maxNegativesPerDocument: 10_000,
  contextRadius: 2,
  positiveWeight: 3,
  ambiguousWeight: 0.5,
  alignMinScore: 0.8,
};

/** Every loss weight of the prepared rows, in row order. */
function lossWeights(weight?: number): Float32Array {
  const doc = loadTestDocuments("zugferd")[0]!;
  const data = prepareExtractorData(
    [weight === undefined ? doc : { ...doc, weight }],
    DEFAULT_LABEL_SCHEMA,
    labels,
    config,
    sampling,
    createPrng(1),
  );
  const rows = Array.from({ length: data.rows }, (_, i) => i);
  const y = new Float32Array(rows.length * labels.length);
  const w = new Float32Array(rows.length * labels.length);
  data.targets(rows, y, w);
  return w;
}

describe("prepareExtractorData", () => {
  it("scales every loss term of a document by its weight (synthetic documents count less)", () => {
    const full = lossWeights();
    const quarter = lossWeights(0.25);
    expect(full.length).toBe(quarter.length);
    expect(full.some((v) => v > 0)).toBe(true);
    for (let i = 0; i < full.length; i++) expect(quarter[i]).toBeCloseTo(full[i]! * 0.25, 6);
  });
});
