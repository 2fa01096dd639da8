import { type LabelSchema, PagewiseError } from "@pagewise/core";
import { ARTIFACT_FORMAT_VERSION, tfjsVersion } from "../artifacts/model-metadata";
import { initBackend } from "../backend/init-backend";
import { stripUndefined } from "../extractor/train-extractor";
import { buildMlp } from "../nn/mlp";
import { trainSparseMlp } from "../nn/train-sparse-mlp";
import type { TrainingDocument, TrainProgress } from "../types";
import { datasetHash } from "../util/dataset-hash";
import {
  type ClassifierHyperparameters,
  type ClassifierModel,
  DEFAULT_CLASSIFIER_OPTIONS,
} from "./classifier-model";
import {
  DOCUMENT_DENSE_FEATURES,
  DOCUMENT_FEATURIZER_VERSION,
  featurizeDocuments,
} from "./document-features";

export interface TrainClassifierOptions extends Partial<ClassifierHyperparameters> {
  seed: number;
  onProgress?: (progress: TrainProgress) => void;
}

/**
 * Train the document classifier over the label schema's categories: hashed word and character
 * n-grams → dense ReLU layer → softmax. Deterministic for the same documents, seed and code.
 */
export async function trainClassifier(
  docs: readonly TrainingDocument[],
  labelSchema: LabelSchema,
  options: TrainClassifierOptions,
): Promise<ClassifierModel> {
  const started = performance.now();
  const backend = await initBackend();
  const hp: ClassifierHyperparameters = {
    ...DEFAULT_CLASSIFIER_OPTIONS,
    ...stripUndefined(options),
  };
  const categories = labelSchema.categories.map((c) => c.name);
  const usable = docs.filter((d) => categories.includes(d.category));
  if (usable.length === 0)
    throw new PagewiseError("not_enough_data", "no documents of a known category");
  options.onProgress?.({
    model: "classifier",
    phase: "featurize",
    epoch: 0,
    epochs: hp.epochs,
    done: 0,
    total: usable.length,
  });
  const version = hp.cueWords ? DOCUMENT_FEATURIZER_VERSION : 1;
  const matrix = featurizeDocuments(
    usable.map((d) => d.layout),
    hp.hashDim,
    version,
  );
  const inputDim = matrix.hashDim + matrix.denseDim;
  // Rarer categories weigh more, so a project with 200 receipts and 10 contracts still learns contracts.
  const counts = new Map<string, number>();
  for (const d of usable) counts.set(d.category, (counts.get(d.category) ?? 0) + 1);
  const weightOf = (c: string) => usable.length / (counts.size * counts.get(c)!);
  const mlp = buildMlp({
    inputDim,
    hidden: hp.hidden,
    outputs: categories.length,
    output: "softmax",
    seed: options.seed,
  });
  const losses = await trainSparseMlp(
    mlp,
    {
      rows: usable.length,
      outputs: categories.length,
      features: (row) => ({ matrix, index: row }),
      targets(rows, y, w) {
        y.fill(0, 0, rows.length * categories.length);
        rows.forEach((r, b) => {
          const doc = usable[r]!;
          y[b * categories.length + categories.indexOf(doc.category)] = 1;
          w[b] = weightOf(doc.category);
        });
      },
    },
    {
      epochs: hp.epochs,
      batchSize: hp.batchSize,
      learningRate: hp.learningRate,
      dropout: hp.dropout,
      inputDropout: hp.inputDropout,
      seed: options.seed ^ 0x5bd1e995,
      loss: "softmax",
      onEpoch: (epoch, loss) =>
        options.onProgress?.({
          model: "classifier",
          phase: "epoch",
          epoch: epoch + 1,
          epochs: hp.epochs,
          loss,
        }),
    },
  );
  options.onProgress?.({ model: "classifier", phase: "done", epoch: hp.epochs, epochs: hp.epochs });
  return {
    kind: "classifier",
    model: mlp.model,
    metadata: {
      formatVersion: ARTIFACT_FORMAT_VERSION,
      kind: "classifier",
      labels: categories,
      labelSchema,
      featurizer: {
        name: "document-ngrams",
        version,
        hashDim: hp.hashDim,
        denseDim: matrix.denseDim,
        categories,
        denseFeatures: DOCUMENT_DENSE_FEATURES.slice(0, matrix.denseDim),
      },
      hyperparameters: { ...hp },
      seed: options.seed,
      backend,
      tfjsVersion: tfjsVersion(),
      datasetHash: await datasetHash(usable),
      documents: usable.length,
      trainingMs: Math.round(performance.now() - started),
      losses,
    },
  };
}
