import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import type { ClassifierModel } from "../classifier/classifier-model";
import type { ExtractorModel } from "../extractor/extractor-model";

/** File names of a model artifact. */
export const ARTIFACT_FILES = {
  model: "model.json",
  weights: "weights.bin",
  metadata: "metadata.json",
} as const;

const encoder = new TextEncoder();

/**
 * A trained model as files: `model.json` (standard TensorFlow.js layers format, weights manifest
 * pointing at `weights.bin`), `weights.bin` (float32 weights), `metadata.json` (label schema,
 * featurizer config, hyperparameters, seed, backend, dataset hash, losses, metrics, and
 * `weightsSha256`, the checksum an upload is verified against). The platform
 * stores them in its blob store; `loadModel` reads them back, without tfjs-node.
 *
 * @example const files = await saveModel(extractor); // { "model.json": Uint8Array, … }
 */
export async function saveModel(
  model: ClassifierModel | ExtractorModel,
): Promise<Record<string, Uint8Array>> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  if (!saved?.weightData || !saved.weightSpecs) throw new Error("the model produced no weights");
  const weightData = saved.weightData;
  const weights =
    weightData instanceof ArrayBuffer
      ? new Uint8Array(weightData)
      : new Uint8Array(tf.io.concatenateArrayBuffers(weightData as ArrayBuffer[]));
  const modelJson = {
    format: saved.format ?? "layers-model",
    generatedBy: saved.generatedBy,
    convertedBy: saved.convertedBy ?? null,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: [ARTIFACT_FILES.weights], weights: saved.weightSpecs }],
  };
  return {
    [ARTIFACT_FILES.model]: encoder.encode(JSON.stringify(modelJson)),
    [ARTIFACT_FILES.weights]: weights,
    [ARTIFACT_FILES.metadata]: encoder.encode(
      `${JSON.stringify({ ...model.metadata, weightsSha256: createHash("sha256").update(weights).digest("hex") }, null, 2)}\n`,
    ),
  };
}
