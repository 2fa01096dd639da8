import { LabelSchemaSchema, PagewiseError } from "@pagewise/core";
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { ConfidenceCalibrationSchema } from "../calibration/confidence-calibration";
import type { ClassifierModel } from "../classifier/classifier-model";
import type { ExtractorModel } from "../extractor/extractor-model";
import { forgetFirstLayer } from "../nn/sparse-mlp-forward";
import { ARTIFACT_FORMAT_VERSION, type ModelMetadata } from "./model-metadata";
import { ARTIFACT_FILES } from "./save-model";

const MetadataSchema = z
  .object({
    formatVersion: z.number(),
    kind: z.enum(["classifier", "extractor"]),
    labels: z.array(z.string()),
    labelSchema: LabelSchemaSchema,
    featurizer: z
      .object({
        name: z.enum(["document-ngrams", "layout-tokens"]),
        version: z.number(),
        hashDim: z.number().int().positive(),
        denseDim: z.number().int().nonnegative(),
        categories: z.array(z.string()),
      })
      .loose(),
    seed: z.number(),
    calibration: ConfidenceCalibrationSchema.optional(),
  })
  .loose();

const decoder = new TextDecoder();

function file(files: Record<string, Uint8Array>, name: string): Uint8Array {
  const bytes = files[name];
  if (!bytes) throw new PagewiseError("model_load_failed", `model artifact lacks ${name}`);
  return bytes;
}

/**
 * Load a model saved by `saveModel` (the same `Record<filename, bytes>`), as a classifier or an
 * extractor according to its metadata. Works on any backend (no tfjs-node needed).
 */
export async function loadModel(
  files: Record<string, Uint8Array>,
): Promise<ClassifierModel | ExtractorModel> {
  let metadata: ModelMetadata;
  let modelJson: {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  try {
    metadata = MetadataSchema.parse(
      JSON.parse(decoder.decode(file(files, ARTIFACT_FILES.metadata))),
    ) as unknown as ModelMetadata;
    modelJson = JSON.parse(decoder.decode(file(files, ARTIFACT_FILES.model)));
  } catch (error) {
    if (error instanceof PagewiseError) throw error;
    throw new PagewiseError(
      "model_load_failed",
      `unreadable model artifact: ${(error as Error).message}`,
    );
  }
  if (metadata.formatVersion !== ARTIFACT_FORMAT_VERSION) {
    throw new PagewiseError(
      "model_load_failed",
      `artifact format ${metadata.formatVersion}, expected ${ARTIFACT_FORMAT_VERSION}`,
    );
  }
  const weights = file(files, ARTIFACT_FILES.weights);
  // Its own ArrayBuffer: the bytes may be a view into a larger (or shared) buffer.
  const weightData = weights.slice().buffer as ArrayBuffer;
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest.flatMap((m) => m.weights),
      weightData,
    }),
  );
  return metadata.kind === "classifier"
    ? { kind: "classifier", model, metadata }
    : { kind: "extractor", model, metadata };
}

/** Load a classifier artifact (fails with `model_load_failed` if it is an extractor). */
export async function loadClassifier(files: Record<string, Uint8Array>): Promise<ClassifierModel> {
  const model = await loadModel(files);
  if (model.kind !== "classifier")
    throw new PagewiseError("model_load_failed", "artifact is not a classifier");
  return model;
}

/** Load an extractor artifact (fails with `model_load_failed` if it is a classifier). */
export async function loadExtractor(files: Record<string, Uint8Array>): Promise<ExtractorModel> {
  const model = await loadModel(files);
  if (model.kind !== "extractor")
    throw new PagewiseError("model_load_failed", "artifact is not an extractor");
  return model;
}

/** Free a model's tensors (call when a worker swaps in a new champion). */
export function disposeModel(model: ClassifierModel | ExtractorModel): void {
  forgetFirstLayer(model.model);
  model.model.dispose();
}
