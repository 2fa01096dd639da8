import { type LabelSchema, PagewiseError } from "@pagewise/core";
import { ARTIFACT_FORMAT_VERSION, tfjsVersion } from "../artifacts/model-metadata";
import { initBackend } from "../backend/init-backend";
import { TOKEN_FEATURIZER_VERSION, tokenDenseFeatureNames } from "../features/token-features";
import { buildMlp } from "../nn/mlp";
import { trainSparseMlp } from "../nn/train-sparse-mlp";
import type { TrainingDocument, TrainProgress } from "../types";
import { datasetHash } from "../util/dataset-hash";
import { createPrng } from "../util/prng";
import {
  DEFAULT_EXTRACTOR_OPTIONS,
  type ExtractorHyperparameters,
  type ExtractorModel,
  trainingSchedule,
} from "./extractor-model";
import { extractorLabels } from "./label-space";
import { prepareExtractorData } from "./prepare-extractor-data";

export interface TrainExtractorOptions extends Partial<ExtractorHyperparameters> {
  /** Seeds every initializer, the row order, dropout and negative sampling. */
  seed: number;
  onProgress?: (progress: TrainProgress) => void;
}

/**
 * Train the extractor of a project: one model over the fields of every category of the label
 * schema. Values without token ids are aligned to tokens first (`alignValue`). Deterministic:
 * same documents, schema, options and code → bit-identical weights.
 */
export async function trainExtractor(
  docs: readonly TrainingDocument[],
  labelSchema: LabelSchema,
  options: TrainExtractorOptions,
): Promise<ExtractorModel> {
  const started = performance.now();
  const backend = await initBackend();
  const hp: ExtractorHyperparameters = { ...DEFAULT_EXTRACTOR_OPTIONS, ...stripUndefined(options) };
  const labels = extractorLabels(labelSchema);
  const categories = labelSchema.categories.map((c) => c.name);
  const config = {
    version: TOKEN_FEATURIZER_VERSION,
    hashDim: hp.hashDim,
    categories,
    identityWeight: hp.identityWeight,
    labelContext: hp.labelContext,
  };
  const prng = createPrng(options.seed);
  const data = prepareExtractorData(
    docs,
    labelSchema,
    labels,
    config,
    {
      maxNegativesPerDocument: hp.maxNegativesPerDocument,
      contextRadius: hp.contextRadius,
      positiveWeight: hp.positiveWeight,
      ambiguousWeight: hp.ambiguousWeight,
      alignMinScore: hp.alignMinScore,
    },
    prng.fork(),
    options.onProgress,
  );
  if (data.rows === 0)
    throw new PagewiseError("not_enough_data", "no tokens to train the extractor on");
  const mlp = buildMlp({
    inputDim: data.inputDim,
    hidden: hp.hidden,
    outputs: labels.length,
    output: "sigmoid",
    seed: options.seed,
  });
  const rowsPerCategory = categories.map(
    (_, c) => data.rowCategories.filter((x) => x === c).length,
  );
  const { epochs, repeats } = trainingSchedule(hp, rowsPerCategory);
  const losses = await trainSparseMlp(mlp, data, {
    epochs,
    rowRepeats: Uint8Array.from(data.rowCategories, (c) => repeats[c]!),
    batchSize: hp.batchSize,
    learningRate: hp.learningRate,
    dropout: hp.dropout,
    inputDropout: hp.inputDropout,
    seed: prng.fork().nextInt(2 ** 31),
    loss: "sigmoid",
    onEpoch: (epoch, loss) =>
      options.onProgress?.({ model: "extractor", phase: "epoch", epoch: epoch + 1, epochs, loss }),
  });
  const knownValues: Record<string, string[]> = {};
  for (const [label, set] of data.values) knownValues[label] = [...set].sort().slice(0, 5000);
  const listLimits: Record<string, number> = {};
  for (const category of labelSchema.categories) {
    for (const field of category.fields) {
      const counts = data.valueCounts.get(`${category.name}.${field.name}`);
      if (field.type !== "list" || !counts || counts.length === 0) continue;
      const sorted = [...counts].sort((a, b) => a - b);
      listLimits[`${category.name}.${field.name}`] = Math.max(
        1,
        sorted[Math.floor(sorted.length * 0.9)]!,
      );
    }
  }
  options.onProgress?.({ model: "extractor", phase: "done", epoch: epochs, epochs });
  return {
    kind: "extractor",
    model: mlp.model,
    metadata: {
      formatVersion: ARTIFACT_FORMAT_VERSION,
      kind: "extractor",
      labels,
      labelSchema,
      featurizer: {
        name: "layout-tokens",
        version: TOKEN_FEATURIZER_VERSION,
        hashDim: hp.hashDim,
        denseDim: data.inputDim - hp.hashDim,
        categories,
        denseFeatures: tokenDenseFeatureNames(categories),
      },
      hyperparameters: {
        ...hp,
        epochsRun: epochs,
        categoryRepeats: repeats,
        trainingRows: data.rows,
        alignedValues: data.aligned,
        labeledValues: data.labeledValues,
      },
      seed: options.seed,
      backend,
      tfjsVersion: tfjsVersion(),
      datasetHash: await datasetHash(docs),
      documents: docs.length,
      trainingMs: Math.round(performance.now() - started),
      losses,
      knownValues,
      listLimits,
    },
  };
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && typeof v !== "function"),
  ) as Partial<T>;
}
