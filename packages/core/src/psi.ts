/** Share given to an empty bin so that PSI stays finite (a bin the reference never saw). */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of `live` against `reference` (counts over the same bins):
 * Σ (q − p) · ln(q / p) over the bins' shares, an empty bin counted as `epsilon`. 0 for identical
 * mixes; by convention < 0.1 is stable, 0.1–0.25 a shift worth a look, ≥ 0.25 a real shift.
 *
 * @example psi([50, 50], [50, 50]) // 0
 */
export function psi(
  reference: readonly number[],
  live: readonly number[],
  epsilon = PSI_EPSILON,
): number {
  if (reference.length !== live.length) throw new Error("psi: bins differ");
  const n = reference.reduce((a, b) => a + b, 0);
  const m = live.reduce((a, b) => a + b, 0);
  if (n === 0 || m === 0) return 0;
  let sum = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i]! / n, epsilon);
    const q = Math.max(live[i]! / m, epsilon);
    sum += (q - p) * Math.log(q / p);
  }
  return sum;
}

/** Standard normal upper tail, Abramowitz–Stegun 7.1.26 (error < 1.5e-7). */
function upperNormalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Bins are merged with their neighbours until each holds this many observations of both sides. */
export const MIN_MERGED_BIN = 3;

/**
 * Adjacent bins merged until each merged bin holds at least `MIN_MERGED_BIN` observations (the
 * chi-square approximation needs expected counts that are not tiny; a remainder joins the last).
 */
function mergeSparseBins(
  reference: readonly number[],
  live: readonly number[],
): [number[], number[]] {
  const ref: number[] = [];
  const cur: number[] = [];
  let r = 0;
  let l = 0;
  for (let i = 0; i < reference.length; i++) {
    r += reference[i]!;
    l += live[i]!;
    if (r + l >= MIN_MERGED_BIN) {
      ref.push(r);
      cur.push(l);
      r = 0;
      l = 0;
    }
  }
  if (r + l > 0) {
    if (ref.length === 0) return [[r], [l]];
    ref[ref.length - 1]! += r;
    cur[cur.length - 1]! += l;
  }
  return [ref, cur];
}

/**
 * p-value of the two-sample chi-square test of homogeneity: could `reference` and `live` be
 * drawn from the same mix? PSI says how far two mixes are apart, this says whether the distance
 * is more than the sampling noise of a few dozen documents (which alone gives PSI well above
 * 0.1). Sparse bins are merged first; the chi-square tail uses the Wilson–Hilferty approximation.
 */
export function homogeneityPValue(reference: readonly number[], live: readonly number[]): number {
  const n = reference.reduce((a, b) => a + b, 0);
  const m = live.reduce((a, b) => a + b, 0);
  if (n === 0 || m === 0) return 1;
  const [refBins, liveBins] = mergeSparseBins(reference, live);
  let chi = 0;
  for (let i = 0; i < refBins.length; i++) {
    const total = refBins[i]! + liveBins[i]!;
    const expectedRef = (total * n) / (n + m);
    const expectedLive = (total * m) / (n + m);
    chi += (refBins[i]! - expectedRef) ** 2 / expectedRef;
    chi += (liveBins[i]! - expectedLive) ** 2 / expectedLive;
  }
  const df = refBins.length - 1;
  if (df < 1) return 1;
  const k = 2 / (9 * df);
  const z = ((chi / df) ** (1 / 3) - (1 - k)) / Math.sqrt(k);
  return upperNormalTail(z);
}
