/**
 * A monotone (non-decreasing) map from raw confidence to observed precision, as breakpoints:
 * `x[i]` is the mean raw confidence of a pooled block, `y[i]` its share of correct values.
 * Between breakpoints the map is linear; outside them it is flat.
 */
export interface IsotonicMap {
  x: number[];
  y: number[];
}

/**
 * Isotonic regression by pool-adjacent-violators: sort the points by score, then merge adjacent
 * blocks while a block's mean outcome is below its left neighbour's. The result is the
 * least-squares non-decreasing fit; each block becomes one breakpoint at its mean score.
 *
 * @example isotonicFit([0.2, 0.4, 0.9], [0, 1, 1]) // { x: [0.2, 0.4, 0.9], y: [0, 1, 1] }
 */
export function isotonicFit(scores: readonly number[], outcomes: readonly number[]): IsotonicMap {
  if (scores.length !== outcomes.length) throw new Error("scores and outcomes differ in length");
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  // Blocks on a stack: summed score, summed outcome, count.
  const sx: number[] = [];
  const sy: number[] = [];
  const n: number[] = [];
  let lastScore = Number.NaN;
  for (const i of order) {
    const score = scores[i]!;
    // Equal scores share one block (a map cannot send one input to two outputs).
    if (score === lastScore) {
      sx[sx.length - 1]! += score;
      sy[sy.length - 1]! += outcomes[i]!;
      n[n.length - 1]!++;
    } else {
      sx.push(score);
      sy.push(outcomes[i]!);
      n.push(1);
    }
    lastScore = score;
    while (n.length > 1) {
      const k = n.length - 1;
      if (sy[k]! / n[k]! > sy[k - 1]! / n[k - 1]!) break;
      sx[k - 1]! += sx[k]!;
      sy[k - 1]! += sy[k]!;
      n[k - 1]! += n[k]!;
      sx.pop();
      sy.pop();
      n.pop();
    }
  }
  return { x: sx.map((s, k) => s / n[k]!), y: sy.map((s, k) => s / n[k]!) };
}

/** The map's value at `score` (linear between breakpoints, flat beyond the first and last). */
export function applyIsotonic(map: IsotonicMap, score: number): number {
  const { x, y } = map;
  if (x.length === 0) return score;
  if (score <= x[0]!) return y[0]!;
  const last = x.length - 1;
  if (score >= x[last]!) return y[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= score) lo = mid;
    else hi = mid;
  }
  const t = (score - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
