import type { FeatureMatrix } from "../features/feature-hashing";
import type { Prng } from "../util/prng";

/** Non-zero inputs of a batch: row b's entries are `index/value[offsets[b] .. offsets[b+1])`. */
export interface BatchEntries {
  rows: number;
  offsets: Int32Array;
  index: Int32Array;
  value: Float32Array;
}

/**
 * Gather the non-zero inputs of some rows (hashed features, then dense features at
 * `hashDim + j`). With `dropHashed` and `prng`, each hashed feature is dropped with that
 * probability (word dropout: the model must also read the context).
 */
export function gatherEntries(
  rows: readonly { matrix: FeatureMatrix; index: number }[],
  dropHashed = 0,
  prng?: Prng,
  withDense = true,
): BatchEntries {
  let cap = 0;
  for (const { matrix, index } of rows)
    cap += matrix.offsets[index + 1]! - matrix.offsets[index]! + matrix.denseDim;
  const offsets = new Int32Array(rows.length + 1);
  const idx = new Int32Array(cap);
  const val = new Float32Array(cap);
  let at = 0;
  rows.forEach(({ matrix, index }, b) => {
    for (let k = matrix.offsets[index]!; k < matrix.offsets[index + 1]!; k++) {
      if (dropHashed > 0 && prng!.next() < dropHashed) continue;
      idx[at] = matrix.indices[k]!;
      val[at++] = matrix.values[k]!;
    }
    const d = index * matrix.denseDim;
    for (let j = 0; withDense && j < matrix.denseDim; j++) {
      const v = matrix.dense[d + j]!;
      if (v === 0) continue;
      idx[at] = matrix.hashDim + j;
      val[at++] = v;
    }
    offsets[b + 1] = at;
  });
  return { rows: rows.length, offsets, index: idx, value: val };
}

/**
 * The first dense layer of a network whose input is sparse (hashed features), computed in plain
 * JavaScript: forward sums the weight rows of the non-zero inputs, backward touches only those
 * rows, and Adam updates them lazily. On the wasm backend a dense 4,096-wide input layer costs
 * ~300 ms per batch (its transposed matmuls are slow); this costs a few ms. The weights are the
 * kernel and bias of the model's `hidden_0` Dense layer, so the saved model is a plain
 * LayersModel that `model.predict` also runs on dense inputs.
 */
export class SparseDense {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  private m?: Float32Array;
  private v?: Float32Array;
  private mb?: Float32Array;
  private vb?: Float32Array;
  private grad?: Float32Array;
  private touched?: Uint8Array;
  private step = 0;

  constructor(
    readonly inputDim: number,
    readonly units: number,
    kernel?: Float32Array,
    bias?: Float32Array,
  ) {
    this.kernel = kernel ?? new Float32Array(inputDim * units);
    this.bias = bias ?? new Float32Array(units);
  }

  /** He-uniform initialization for the typical number of non-zero inputs of a row. */
  initialize(prng: Prng, activeInputs: number): void {
    const limit = Math.sqrt(6 / Math.max(1, activeInputs));
    for (let i = 0; i < this.kernel.length; i++) this.kernel[i] = (prng.next() * 2 - 1) * limit;
    this.bias.fill(0);
  }

  /** Pre-activations, rows × units. */
  forward(entries: BatchEntries): Float32Array {
    const u = this.units;
    const kernel = this.kernel;
    const { offsets, index, value } = entries;
    const out = new Float32Array(entries.rows * u);
    const acc = new Float64Array(u);
    for (let b = 0; b < entries.rows; b++) {
      acc.set(this.bias);
      for (let k = offsets[b]!; k < offsets[b + 1]!; k++) {
        const w = index[k]! * u;
        const x = value[k]!;
        for (let j = 0; j < u; j++) acc[j]! += x * kernel[w + j]!;
      }
      out.set(acc, b * u);
    }
    return out;
  }

  /** Backpropagate `gradOut` (rows × units) and take one Adam step on the touched weights. */
  backward(
    entries: BatchEntries,
    gradOut: Float32Array,
    lr: number,
    /** Gradient of a block of rows computed elsewhere (the dense features' rows, as a matmul). */
    block?: { firstRow: number; grad: Float32Array },
    beta1 = 0.9,
    beta2 = 0.999,
    eps = 1e-7,
  ): void {
    const u = this.units;
    this.m ??= new Float32Array(this.kernel.length);
    this.v ??= new Float32Array(this.kernel.length);
    this.mb ??= new Float32Array(u);
    this.vb ??= new Float32Array(u);
    this.grad ??= new Float32Array(this.kernel.length);
    this.touched ??= new Uint8Array(this.inputDim);
    const grad = this.grad;
    const touched = this.touched;
    const { offsets, index, value } = entries;
    const touchedRows: number[] = [];
    const gb = new Float64Array(u);
    for (let b = 0; b < entries.rows; b++) {
      const o = b * u;
      for (let j = 0; j < u; j++) gb[j]! += gradOut[o + j]!;
      for (let k = offsets[b]!; k < offsets[b + 1]!; k++) {
        const row = index[k]!;
        if (!touched[row]) {
          touched[row] = 1;
          touchedRows.push(row);
        }
        const w = row * u;
        const x = value[k]!;
        for (let j = 0; j < u; j++) grad[w + j]! += x * gradOut[o + j]!;
      }
    }
    if (block) {
      const rows = block.grad.length / u;
      for (let r = 0; r < rows; r++) {
        const row = block.firstRow + r;
        if (!touched[row]) {
          touched[row] = 1;
          touchedRows.push(row);
        }
        const w = row * u;
        for (let j = 0; j < u; j++) grad[w + j]! += block.grad[r * u + j]!;
      }
    }
    this.step++;
    const lrT = (lr * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    // Deterministic order: rows as first touched in this batch.
    const mArr = this.m;
    const vArr = this.v;
    const kernel = this.kernel;
    for (const row of touchedRows) {
      const w = row * u;
      for (let j = w; j < w + u; j++) {
        const g = grad[j]!;
        const m = beta1 * mArr[j]! + (1 - beta1) * g;
        const v = beta2 * vArr[j]! + (1 - beta2) * g * g;
        mArr[j] = m;
        vArr[j] = v;
        kernel[j]! -= (lrT * m) / (Math.sqrt(v) + eps);
        grad[j] = 0;
      }
      touched[row] = 0;
    }
    for (let j = 0; j < u; j++) {
      const g = gb[j]!;
      const m = beta1 * this.mb[j]! + (1 - beta1) * g;
      const v = beta2 * this.vb[j]! + (1 - beta2) * g * g;
      this.mb[j] = m;
      this.vb[j] = v;
      this.bias[j]! -= (lrT * m) / (Math.sqrt(v) + eps);
    }
  }
}
