import type { LabelSchema } from "@pagewise/core";
import { comparisonKey, inferLocaleHints } from "@pagewise/core";
import type { FeatureMatrix } from "../features/feature-hashing";
import { featurizeTokens, type TokenFeaturizerConfig } from "../features/token-features";
import { buildDocumentView } from "../layout/document-view";
import type { SparseBatchSource } from "../nn/train-sparse-mlp";
import type { LabeledField, TrainingDocument, TrainProgress } from "../types";
import type { Prng } from "../util/prng";
import { labelTokenRuns } from "./label-tokens";

export interface SamplingOptions {
  /** Negative tokens kept per document at most (the rest are sampled, and weighted up). */
  maxNegativesPerDocument: number;
  /** Tokens this close (in reading order) to a labeled token are always kept. */
  contextRadius: number;
  /** Weight of a positive label in the loss, relative to a negative. */
  positiveWeight: number;
  /** Factor on the weight of a positive whose value another field of the document shares. */
  ambiguousWeight: number;
  /** Lowest similarity at which a value-only label is aligned to tokens. */
  alignMinScore: number;
}

interface PreparedRows {
  matrix: FeatureMatrix;
  labels: Uint8Array;
  weights: Float32Array;
  mask: Float32Array;
  category: number;
}

export interface ExtractorData extends SparseBatchSource {
  inputDim: number;
  /** Labeled values found in their documents / all labeled values (alignment coverage). */
  aligned: number;
  labeledValues: number;
  /** Distinct normalized training values per label (for known-value correction). */
  values: Map<string, Set<string>>;
  /** Per label, how many values each training document had (list fields). */
  valueCounts: Map<string, number[]>;
  /** Category index (in schema order) of each row. */
  rowCategories: Uint8Array;
}

/**
 * Featurize and label the training documents: each token gets one target per extractor label
 * (1 where an aligned value covers it), a mask (only the document's category and its annotated
 * fields count; unknown fields are skipped, not taught as negatives), and a weight (sampled
 * negatives of long documents stand for the ones left out).
 */
export function prepareExtractorData(
  docs: readonly TrainingDocument[],
  schema: LabelSchema,
  labels: readonly string[],
  config: TokenFeaturizerConfig,
  sampling: SamplingOptions,
  prng: Prng,
  onProgress?: (p: TrainProgress) => void,
): ExtractorData {
  const L = labels.length;
  const parts: PreparedRows[] = [];
  let aligned = 0;
  let labeledValues = 0;
  const values = new Map<string, Set<string>>();
  const valueCounts = new Map<string, number[]>();
  docs.forEach((doc, docIndex) => {
    const category = schema.categories.find((c) => c.name === doc.category);
    if (!category) return;
    const view = buildDocumentView(doc.layout);
    const n = view.tokens.length;
    if (n === 0) return;
    const hints = inferLocaleHints(doc.layout);
    // 1 = the value's tokens; 2 = the same, but another field has the same value (a total that
    // equals the amount due): which occurrence belongs to which field is unknown, so it counts less.
    const target = new Uint8Array(n * L);
    const positive = new Uint8Array(n);
    const keyOf = (f: LabeledField) => {
      const def = category.fields.find((d) => d.name === f.name);
      return def ? comparisonKey(def, f.value, hints) : "";
    };
    for (const field of doc.fields) {
      const def = category.fields.find((f) => f.name === field.name);
      const column = labels.indexOf(`${doc.category}.${field.name}`);
      if (!def || column < 0) continue;
      labeledValues++;
      const key = keyOf(field);
      const shared = doc.fields.some((f) => f.name !== field.name && keyOf(f) === key);
      const runs = labelTokenRuns(view, field, def, hints, sampling.alignMinScore);
      if (runs.length > 0) aligned++;
      for (const run of runs) {
        for (const order of run) {
          target[order * L + column] = shared && target[order * L + column] !== 1 ? 2 : 1;
          positive[order] = 1;
        }
      }
      const set = values.get(labels[column]!) ?? new Set<string>();
      set.add(field.value.trim());
      values.set(labels[column]!, set);
    }
    const mask = new Float32Array(L);
    const annotated = new Set(doc.annotatedFields ?? category.fields.map((f) => f.name));
    for (const f of category.fields) {
      const column = labels.indexOf(`${doc.category}.${f.name}`);
      if (column < 0 || !annotated.has(f.name)) continue;
      // The document's weight scales every loss term of its rows (positives and negatives).
      mask[column] = doc.weight ?? 1;
      const counts = valueCounts.get(labels[column]!) ?? [];
      counts.push(doc.fields.filter((x) => x.name === f.name).length);
      valueCounts.set(labels[column]!, counts);
    }
    // Keep positives, their neighbourhood, and a sample of the other tokens.
    const keep = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!positive[i]) continue;
      for (
        let k = Math.max(0, i - sampling.contextRadius);
        k <= Math.min(n - 1, i + sampling.contextRadius);
        k++
      )
        keep[k] = 1;
    }
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (!keep[i]) rest.push(i);
    const rate =
      rest.length > sampling.maxNegativesPerDocument
        ? sampling.maxNegativesPerDocument / rest.length
        : 1;
    const weightOf = new Float32Array(n).fill(1);
    for (const i of rest) {
      if (rate >= 1 || prng.next() < rate) {
        keep[i] = 1;
        weightOf[i] = 1 / rate;
      }
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (keep[i]) rows.push(i);
    const matrix = featurizeTokens(view, doc.category, config, rows);
    const rowLabels = new Uint8Array(rows.length * L);
    rows.forEach((r, j) => {
      rowLabels.set(target.subarray(r * L, (r + 1) * L), j * L);
    });
    parts.push({
      matrix,
      labels: rowLabels,
      weights: Float32Array.from(rows, (r) => weightOf[r]!),
      mask,
      category: schema.categories.indexOf(category),
    });
    onProgress?.({
      model: "extractor",
      phase: "featurize",
      epoch: 0,
      epochs: 0,
      done: docIndex + 1,
      total: docs.length,
    });
  });

  const rowDoc: number[] = [];
  const rowIndex: number[] = [];
  parts.forEach((p, d) => {
    for (let r = 0; r < p.matrix.rows; r++) {
      rowDoc.push(d);
      rowIndex.push(r);
    }
  });
  const denseDim = parts[0]?.matrix.denseDim ?? 0;
  return {
    rows: rowDoc.length,
    rowCategories: Uint8Array.from(rowDoc, (d) => parts[d]!.category),
    inputDim: config.hashDim + denseDim,
    outputs: L,
    aligned,
    labeledValues,
    values,
    valueCounts,
    features: (row) => ({ matrix: parts[rowDoc[row]!]!.matrix, index: rowIndex[row]! }),
    targets(rows, y, w) {
      rows.forEach((row, b) => {
        const part = parts[rowDoc[row]!]!;
        const r = rowIndex[row]!;
        const weight = part.weights[r]!;
        for (let j = 0; j < L; j++) {
          const label = part.labels[r * L + j]!;
          y[b * L + j] = label > 0 ? 1 : 0;
          const positiveWeight =
            label === 1
              ? sampling.positiveWeight
              : sampling.positiveWeight * sampling.ambiguousWeight;
          w[b * L + j] = part.mask[j]! * (label > 0 ? positiveWeight : weight);
        }
      });
    },
  };
}
