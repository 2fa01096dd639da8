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

/** A chi-square test of homogeneity: its p-value and degrees of freedom (0: nothing to test). */
export interface HomogeneityTest {
  pValue: number;
  degreesOfFreedom: number;
}

/**
 * The two-sample chi-square test of homogeneity: could `reference` and `live` be drawn from the
 * same mix? PSI says how far two mixes are apart, this says whether the distance is more than the
 * sampling noise of a few dozen documents (which alone gives PSI well above 0.1). Sparse bins are
 * merged first; the chi-square tail uses the Wilson–Hilferty approximation. No degrees of freedom
 * (one side empty, or everything in one merged bin) means no evidence either way: p = 1.
 */
export function homogeneityTest(
  reference: readonly number[],
  live: readonly number[],
): HomogeneityTest {
  const n = reference.reduce((a, b) => a + b, 0);
  const m = live.reduce((a, b) => a + b, 0);
  if (n === 0 || m === 0) return { pValue: 1, degreesOfFreedom: 0 };
  const [refBins, liveBins] = mergeSparseBins(reference, live);
  const df = refBins.length - 1;
  if (df < 1) return { pValue: 1, degreesOfFreedom: 0 };
  let chi = 0;
  for (let i = 0; i < refBins.length; i++) {
    const total = refBins[i]! + liveBins[i]!;
    const expectedRef = (total * n) / (n + m);
    const expectedLive = (total * m) / (n + m);
    chi += (refBins[i]! - expectedRef) ** 2 / expectedRef;
    chi += (liveBins[i]! - expectedLive) ** 2 / expectedLive;
  }
  const k = 2 / (9 * df);
  const z = ((chi / df) ** (1 / 3) - (1 - k)) / Math.sqrt(k);
  return { pValue: upperNormalTail(z), degreesOfFreedom: df };
}

/** The p-value of `homogeneityTest`. */
export function homogeneityPValue(reference: readonly number[], live: readonly number[]): number {
  return homogeneityTest(reference, live).pValue;
}

/**
 * Holm's step-down adjustment of p-values tested together: the adjusted p-value of each is
 * compared with the level the whole family should hold, so that among a dozen signals the chance
 * that *any* crosses it by noise stays at that level (unadjusted, a dozen tests at 0.01 give one
 * false alarm in about nine windows). Uniformly more powerful than Bonferroni. Order is kept.
 *
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
