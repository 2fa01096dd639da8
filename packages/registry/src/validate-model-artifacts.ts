import { createHash } from "node:crypto";
import { LabelSchemaSchema, type ModelKind, PagewiseError } from "@pagewise/core";
import { z } from "zod";

/** The files of a model artifact (what `saveModel` writes and `pagewise train --out` saves). */
export const MODEL_ARTIFACT_FILES = ["model.json", "weights.bin", "metadata.json"] as const;

/** The artifact layout this platform loads (`ARTIFACT_FORMAT_VERSION` of packages/models). */
const FORMAT_VERSION = 1;

/** Layers Pagewise's models are made of; anything else is not a model this platform trained. */
const KNOWN_LAYERS = new Set(["InputLayer", "Dense", "Activation", "Dropout"]);

const MetadataSchema = z
  .object({
    formatVersion: z.literal(FORMAT_VERSION),
    kind: z.enum(["classifier", "extractor"]),
    labels: z.array(z.string().min(1)).min(1),
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
    /** sha256 of weights.bin, written by `saveModel`: the upload is checked against it. */
    weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .loose();

const shape = z.array(z.number().int().positive()).min(1).max(4);

const ModelJsonSchema = z.object({
  format: z.literal("layers-model"),
  modelTopology: z.object({
    class_name: z.enum(["Model", "Sequential"]),
    config: z
      .object({
        layers: z
          .array(
            z.object({
              class_name: z.string(),
              config: z
                .object({
                  name: z.string(),
                  units: z.number().int().positive().optional(),
                  use_bias: z.boolean().optional(),
                  batch_input_shape: z.array(z.number().int().positive().nullable()).optional(),
                })
                .loose(),
            }),
          )
          .min(2)
          .max(64),
      })
      .loose(),
  }),
  weightsManifest: z
    .array(
      z.object({
        paths: z.tuple([z.literal("weights.bin")]),
        weights: z.array(z.object({ name: z.string(), shape, dtype: z.literal("float32") })).min(1),
      }),
    )
    .length(1),
});

export type ModelArtifactMetadata = z.infer<typeof MetadataSchema>;

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new PagewiseError("invalid_model_artifact", message, details);
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return refuse(`${name} is not JSON.`);
  }
}

/**
 * Check that files are a model artifact of `kind` as Pagewise writes them, before any is stored
 * or loaded: metadata with the format, labels, label schema, featurizer and the sha256 of the
 * weights; a layers-model topology of known layers (dense layers only: no custom code); a weights
 * manifest whose shapes chain from the featurizer's width through every dense layer to one output
 * per label; and weights.bin of exactly the manifest's size with the checksum the metadata names.
 * Throws `invalid_model_artifact` (422) saying what is wrong; returns the parsed metadata.
 */
export function validateModelArtifacts(
  files: Partial<Record<string, Uint8Array>>,
  kind: ModelKind,
): ModelArtifactMetadata {
  const missing = MODEL_ARTIFACT_FILES.filter((name) => !files[name]);
  if (missing.length > 0) refuse(`Missing artifact files: ${missing.join(", ")}.`, { missing });
  const weights = files["weights.bin"]!;

  const meta = MetadataSchema.safeParse(parseJson(files["metadata.json"]!, "metadata.json"));
  if (!meta.success) {
    refuse("metadata.json is not the metadata of a Pagewise model.", {
      issues: meta.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  }
  const metadata = meta.data;
  if (metadata.kind !== kind) refuse(`These artifacts are a ${metadata.kind}, not a ${kind}.`);

  const parsed = ModelJsonSchema.safeParse(parseJson(files["model.json"]!, "model.json"));
  if (!parsed.success) {
    refuse("model.json is not a TensorFlow.js layers model of the expected form.", {
      issues: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`),
    });
  }
  const { layers } = parsed.data.modelTopology.config;
  const unknown = layers.filter((l) => !KNOWN_LAYERS.has(l.class_name)).map((l) => l.class_name);
  if (unknown.length > 0) refuse(`Unknown layer types: ${unknown.join(", ")}.`, { unknown });

  // The shapes the topology implies, in order, against the manifest.
  const input = layers[0]!;
  const width = metadata.featurizer.hashDim + metadata.featurizer.denseDim;
  const inputShape = input.config.batch_input_shape;
  if (input.class_name !== "InputLayer" || inputShape?.length !== 2 || inputShape[1] !== width) {
    refuse(`The model's input must be ${width} features wide (the featurizer's width).`);
  }
  const expected = new Map<string, number[]>();
  let inDim = width;
  let outDim = width;
  for (const layer of layers.filter((l) => l.class_name === "Dense")) {
    const units = layer.config.units;
    if (!units) refuse(`Dense layer '${layer.config.name}' has no units.`);
    expected.set(`${layer.config.name}/kernel`, [inDim, units]);
    if (layer.config.use_bias !== false) expected.set(`${layer.config.name}/bias`, [units]);
    inDim = units;
    outDim = units;
  }
  if (expected.size === 0) refuse("The model has no dense layer.");
  if (outDim !== metadata.labels.length) {
    refuse(`The model has ${outDim} outputs for ${metadata.labels.length} labels.`);
  }
  const manifest = parsed.data.weightsManifest[0]!.weights;
  const actual = new Map(manifest.map((w) => [w.name, w.shape]));
  const same = (a: number[] | undefined, b: number[]) =>
    a !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);
  if (actual.size !== manifest.length || actual.size !== expected.size) {
    refuse("The weights manifest does not list exactly the weights of the topology.");
  }
  for (const [name, dims] of expected) {
    if (!same(actual.get(name), dims)) {
      refuse(`Weight '${name}' should have shape [${dims.join(", ")}].`, {
        weight: name,
        expected: dims,
        actual: actual.get(name) ?? null,
      });
    }
  }
  const bytes = manifest.reduce((sum, w) => sum + w.shape.reduce((p, d) => p * d, 1) * 4, 0);
  if (weights.byteLength !== bytes) {
    refuse(`weights.bin has ${weights.byteLength} bytes; the manifest describes ${bytes}.`);
  }
  const sha256 = createHash("sha256").update(weights).digest("hex");
  if (sha256 !== metadata.weightsSha256) {
    refuse("weights.bin does not match the checksum in metadata.json (weightsSha256).");
  }
  return metadata;
}
