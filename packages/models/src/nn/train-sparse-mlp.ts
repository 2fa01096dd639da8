import * as tf from "@tensorflow/tfjs";
import type { FeatureMatrix } from "../features/feature-hashing";
import { createPrng, shuffleInPlace } from "../util/prng";
import type { Mlp } from "./mlp";
import { gatherEntries, SparseDense } from "./sparse-dense";
import { setFirstLayer } from "./sparse-mlp-forward";

/** Training rows: sparse features per row, targets and loss weights on demand. */
export interface SparseBatchSource {
  rows: number;
  outputs: number;
  /** Where row `row`'s features are. */
  features(row: number): { matrix: FeatureMatrix; index: number };
  /**
   * Write targets into `y` (rows × outputs) and loss weights into `w` (softmax: one per row;
   * sigmoid: rows × outputs, 0 = unknown label, skipped).
   */
  targets(rows: readonly number[], y: Float32Array, w: Float32Array): void;
}

export interface TrainMlpOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Dropout after each hidden layer. */
  dropout: number;
  /** Probability of dropping each hashed input feature (word dropout). */
  inputDropout: number;
  /** How often each row appears per epoch (default once): oversamples small categories. */
  rowRepeats?: Uint8Array;
  seed: number;
  loss: "softmax" | "sigmoid";
  onEpoch?: (epoch: number, loss: number) => void;
}

function sigmoidLoss(logits: tf.Tensor, y: tf.Tensor, w: tf.Tensor): tf.Scalar {
  // max(z, 0) − z·y + log(1 + e^−|z|): binary cross-entropy on logits, numerically stable.
  const abs = tf.relu(logits).add(tf.relu(tf.neg(logits)));
  const bce = tf
    .relu(logits)
    .sub(logits.mul(y))
    .add(tf.log(tf.exp(tf.neg(abs)).add(1)));
  return bce.mul(w).sum().div(w.sum().add(1e-6));
}

function softmaxLoss(logits: tf.Tensor, y: tf.Tensor, w: tf.Tensor): tf.Scalar {
  const shifted = logits.sub(logits.max(1, true));
  const logSum = tf.log(tf.exp(shifted).sum(1, true));
  return y.mul(logSum.sub(shifted)).sum(1).mul(w).sum().div(w.sum().add(1e-6));
}

/**
 * Deterministic minibatch training with Adam. The first layer runs in JavaScript over the sparse
 * inputs (`SparseDense`), the rest in TensorFlow.js. Row order, dropout masks and the first
 * layer's initial weights come from a generator seeded by `seed`; the other layers use seeded
 * initializers. Same data, seed and code → bit-identical weights. Returns each epoch's mean loss.
 */
export async function trainSparseMlp(
  mlp: Mlp,
  source: SparseBatchSource,
  options: TrainMlpOptions,
): Promise<number[]> {
  const prng = createPrng(options.seed);
  const [firstLayer, ...restLayers] = mlp.layers;
  const kernelShape = firstLayer!.getWeights()[0]!.shape;
  const first = new SparseDense(kernelShape[0]!, kernelShape[1]!);
  let active = 0;
  const sample = Math.min(source.rows, 1000);
  for (let r = 0; r < sample; r++) {
    const { matrix, index } = source.features(r);
    active += gatherEntries([{ matrix, index }]).offsets[1]!;
  }
  first.initialize(prng.fork(), active / Math.max(1, sample));
  const optimizer = tf.train.adam(options.learningRate);
  const variables = restLayers.flatMap((l) =>
    l.trainableWeights.map((w) => w.read() as tf.Variable),
  );
  const units = restLayers.map((l) => (l.getConfig() as { units: number }).units);
  units.unshift(first.units);
  const hiddenCount = mlp.layers.length - 1;
  const outputs = source.outputs;
  const order: number[] = [];
  for (let r = 0; r < source.rows; r++) {
    for (let k = 0; k < (options.rowRepeats?.[r] ?? 1); k++) order.push(r);
  }
  const batch = Math.max(1, Math.min(options.batchSize, source.rows));
  const y = new Float32Array(batch * outputs);
  const w = new Float32Array(batch * (options.loss === "softmax" ? 1 : outputs));
  // The dense features (positions, flags) are non-zero in most rows: their block of the first layer
  // runs as (SIMD) matmuls; the hashed features stay sparse in JavaScript.
  const { hashDim, denseDim } = source.features(0).matrix;
  const denseX = new Float32Array(batch * denseDim);
  const denseXT = new Float32Array(batch * denseDim);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, prng);
    let total = 0;
    let steps = 0;
    for (let start = 0; start < order.length; start += batch) {
      const rows = order.slice(start, start + batch);
      const b = rows.length;
      const located = rows.map((r) => source.features(r));
      const entries = gatherEntries(located, options.inputDropout, prng, false);
      const pre = first.forward(entries);
      located.forEach(({ matrix, index }, r) => {
        for (let j = 0; j < denseDim; j++) {
          const v = matrix.dense[index * denseDim + j]!;
          denseX[r * denseDim + j] = v;
          denseXT[j * b + r] = v;
        }
      });
      source.targets(rows, y, w);
      const masks = units.slice(0, hiddenCount).map((u) => {
        const m = new Float32Array(b * u);
        const keep = 1 - options.dropout;
        for (let i = 0; i < m.length; i++) m[i] = prng.next() < keep ? 1 / keep : 0;
        return m;
      });
      const [lossTensor, gradTensor, denseGradTensor] = tf.tidy(
        (): [tf.Tensor, tf.Tensor, tf.Tensor] => {
          const denseKernel = tf.tensor2d(first.kernel.subarray(hashDim * first.units), [
            denseDim,
            first.units,
          ]);
          const h1 = tf
            .tensor2d(pre, [b, first.units])
            .add(
              tf.matMul(tf.tensor2d(denseX.subarray(0, b * denseDim), [b, denseDim]), denseKernel),
            );
          const ys = tf.tensor2d(y.subarray(0, b * outputs), [b, outputs]);
          const ws =
            options.loss === "softmax"
              ? tf.tensor1d(w.subarray(0, b))
              : tf.tensor2d(w.subarray(0, b * outputs), [b, outputs]);
          const maskTensors = masks.map((m, i) => tf.tensor2d(m, [b, units[i]!]));
          const f = (...args: tf.Tensor[]): tf.Scalar => {
            let h = tf.relu(args[0]!);
            if (options.dropout > 0) h = h.mul(maskTensors[0]!);
            for (let i = 0; i < restLayers.length; i++) {
              h = tf.matMul(h, args[1 + 2 * i]!).add(args[2 + 2 * i]!);
              if (i < restLayers.length - 1) {
                h = tf.relu(h);
                if (options.dropout > 0) h = h.mul(maskTensors[i + 1]!);
              }
            }
            return options.loss === "softmax" ? softmaxLoss(h, ys, ws) : sigmoidLoss(h, ys, ws);
          };
          const { value, grads } = tf.valueAndGrads(f)([h1, ...variables]);
          optimizer.applyGradients(
            variables.map((v, i) => ({ name: v.name, tensor: grads[i + 1]! })),
          );
          // The dense block's gradient, x_denseᵀ · ∂L/∂pre, with xᵀ laid out in JavaScript (a
          // transposed matmul is slow on wasm).
          const denseGrad = tf.matMul(
            tf.tensor2d(denseXT.subarray(0, b * denseDim), [denseDim, b]),
            grads[0]!,
          );
          return [value, grads[0]!, denseGrad];
        },
      );
      const loss = lossTensor.dataSync()[0]!;
      const gradPre = gradTensor.dataSync() as Float32Array;
      const denseGrad = denseGradTensor.dataSync() as Float32Array;
      tf.dispose([lossTensor, gradTensor, denseGradTensor]);
      first.backward(entries, gradPre, options.learningRate, {
        firstRow: hashDim,
        grad: denseGrad,
      });
      total += loss;
      steps++;
    }
    const mean = total / Math.max(1, steps);
    losses.push(mean);
    options.onEpoch?.(epoch, mean);
    // Give the event loop a turn between epochs (progress logs, job lock renewal).
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  optimizer.dispose();
  setFirstLayer(mlp.model, first);
  return losses;
}
