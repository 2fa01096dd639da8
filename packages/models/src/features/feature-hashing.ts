import { finalizeHash, hashString } from "../util/hash-string";

/** Seed of a feature slot ("word of the left neighbour", "shape", …): a slot name's hash. */
export function slotSeed(name: string): number {
  return hashString(`slot:${name}`);
}

/** Combine a slot with a value hash into one well-mixed 32-bit hash. */
export function mixHash(slot: number, value: number): number {
  return finalizeHash((slot ^ Math.imul(value, 0x9e3779b1)) >>> 0);
}

/**
 * Collects hashed features of one row: bucket = low bits, sign = top bit (signed hashing keeps
 * collisions unbiased). `hashDim` must be a power of two.
 */
export class SparseRowBuilder {
  readonly indices: number[] = [];
  readonly values: number[] = [];
  private readonly mask: number;

  constructor(hashDim: number) {
    if ((hashDim & (hashDim - 1)) !== 0)
      throw new Error(`hashDim must be a power of two: ${hashDim}`);
    this.mask = hashDim - 1;
  }

  add(slot: number, valueHash: number, weight = 1): void {
    const h = mixHash(slot, valueHash);
    this.indices.push(h & this.mask);
    this.values.push(h >>> 31 ? -weight : weight);
  }

  clear(): void {
    this.indices.length = 0;
    this.values.length = 0;
  }
}

/** Rows of hashed features plus dense features, as featurizers hand them to the models. */
export interface FeatureMatrix {
  rows: number;
  hashDim: number;
  denseDim: number;
  /** CSR layout: row r's hashed features are `indices/values[offsets[r] .. offsets[r+1])`. */
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  /** rows × denseDim, row-major. */
  dense: Float32Array;
}

/** A growable typed array (plain `number[]` pushes cost seconds on long documents). */
class Grow<T extends Int32Array | Float32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }

  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Accumulates rows into a `FeatureMatrix`. */
export class FeatureMatrixBuilder {
  private readonly offsets = new Grow(new Int32Array(256), (n) => new Int32Array(n));
  private readonly indices = new Grow(new Int32Array(4096), (n) => new Int32Array(n));
  private readonly values = new Grow(new Float32Array(4096), (n) => new Float32Array(n));
  private readonly dense = new Grow(new Float32Array(4096), (n) => new Float32Array(n));

  constructor(
    readonly hashDim: number,
    readonly denseDim: number,
  ) {
    this.offsets.push(0);
  }

  push(sparse: SparseRowBuilder, dense: ArrayLike<number>): void {
    if (dense.length !== this.denseDim) {
      throw new Error(`dense row has ${dense.length} values, expected ${this.denseDim}`);
    }
    for (let i = 0; i < sparse.indices.length; i++) {
      this.indices.push(sparse.indices[i]!);
      this.values.push(sparse.values[i]!);
    }
    this.offsets.push(this.indices.length);
    for (let i = 0; i < dense.length; i++) this.dense.push(dense[i]!);
  }

  build(): FeatureMatrix {
    return {
      rows: this.offsets.length - 1,
      hashDim: this.hashDim,
      denseDim: this.denseDim,
      offsets: this.offsets.trimmed(),
      indices: this.indices.trimmed(),
      values: this.values.trimmed(),
      dense: this.dense.trimmed(),
    };
  }
}
