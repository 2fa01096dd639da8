/** Bins of the expected calibration error: 10 of equal width over [0, 1]. */
export const ECE_BINS = 10;

/**
 * Expected calibration error: the predictions are put in `bins` equal-width bins by confidence
 * (a confidence of exactly 1 goes in the last); per bin, |mean confidence − share correct|,
 * weighted by the bin's share of all predictions. 0 = the confidence is the precision. Null when
 * there are no predictions.
 *
 * @example expectedCalibrationError([0.9, 0.9], [1, 0]) // 0.4
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly number[],
  bins = ECE_BINS,
): number | null {
  if (confidences.length !== correct.length)
    throw new Error("confidences and outcomes differ in length");
  if (confidences.length === 0) return null;
  const sumConf = new Array<number>(bins).fill(0);
  const sumCorrect = new Array<number>(bins).fill(0);
  const count = new Array<number>(bins).fill(0);
  confidences.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    sumConf[b]! += c;
    sumCorrect[b]! += correct[i]!;
    count[b]!++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    ece += Math.abs(sumConf[b]! - sumCorrect[b]!) / confidences.length;
  }
  return ece;
}
