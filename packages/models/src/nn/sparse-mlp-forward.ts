import * as tf from "@tensorflow/tfjs";
import type { FeatureMatrix } from "../features/feature-hashing";
import { gatherEntries, SparseDense } from "./sparse-dense";

interface FirstLayer {
  sparse: SparseDense;
  /** The kernel rows of the dense features (after the hashed ones), as a tensor. */
  denseKernel: tf.Tensor2D | undefined;
}

const firstLayers = new WeakMap<tf.LayersModel, FirstLayer>();

/** Store trained first-layer weights into the model's `hidden_0` layer (and the fast-path cache). */
export function setFirstLayer(model: tf.LayersModel, first: SparseDense): void {
  const layer = model.getLayer("hidden_0");
  tf.tidy(() => {
    layer.setWeights([
      tf.tensor2d(first.kernel, [first.inputDim, first.units]),
      tf.tensor1d(first.bias),
    ]);
  });
  forgetFirstLayer(model);
}

/** Drop the prediction cache of a model (its weights changed, or it is being disposed). */
export function forgetFirstLayer(model: tf.LayersModel): void {
  firstLayers.get(model)?.denseKernel?.dispose();
  firstLayers.delete(model);
}

function firstLayerOf(model: tf.LayersModel, hashDim: number): FirstLayer {
  let first = firstLayers.get(model);
  if (!first) {
    const [kernel, bias] = model.getLayer("hidden_0").getWeights();
    const [inputDim, units] = kernel!.shape as [number, number];
    const sparse = new SparseDense(
      inputDim,
      units,
      kernel!.dataSync() as Float32Array,
      bias!.dataSync() as Float32Array,
    );
    const denseKernel =
      inputDim > hashDim
        ? tf.tensor2d(sparse.kernel.subarray(hashDim * units), [inputDim - hashDim, units])
        : undefined;
    first = { sparse, denseKernel };
    firstLayers.set(model, first);
  }
  return first;
}

/**
 * The model's output probabilities for every row of a feature matrix (rows × outputs), computing
 * the first layer sparsely in JavaScript and the rest with TensorFlow.js. Equals
 * `model.predict` on the dense rows up to float rounding, at a fraction of the cost.
 */
export function predictSparseMlp(
  model: tf.LayersModel,
  matrix: FeatureMatrix,
  chunk = 1024,
): Float32Array {
  const { sparse: first, denseKernel } = firstLayerOf(model, matrix.hashDim);
  const outputs = (model.outputs[0]!.shape[1] as number) ?? 0;
  const out = new Float32Array(matrix.rows * outputs);
  const start = model.layers.findIndex((l) => l.name === "hidden_0") + 1;
  const rest = model.layers.slice(start);
  for (let from = 0; from < matrix.rows; from += chunk) {
    const rows = Array.from({ length: Math.min(chunk, matrix.rows - from) }, (_, i) => ({
      matrix,
      index: from + i,
    }));
    // Hashed features sparsely in JavaScript, the dense block as one (SIMD) matmul.
    const pre = first.forward(gatherEntries(rows, 0, undefined, false));
    const probs = tf.tidy(() => {
      let h: tf.Tensor = tf.tensor2d(pre, [rows.length, first.units]);
      if (denseKernel) {
        const dense = matrix.dense.subarray(
          from * matrix.denseDim,
          (from + rows.length) * matrix.denseDim,
        );
        h = h.add(tf.matMul(tf.tensor2d(dense, [rows.length, matrix.denseDim]), denseKernel));
      }
      h = tf.relu(h);
      for (const layer of rest) h = layer.apply(h) as tf.Tensor;
      return h;
    });
    out.set(probs.dataSync() as Float32Array, from * outputs);
    probs.dispose();
  }
  return out;
}
