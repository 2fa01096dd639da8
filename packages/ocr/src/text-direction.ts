import type sharp from "sharp";

/** Which way the text lines of a page run, from the ink alone (no recognition). */
export interface TextDirection {
  /** The lines run top to bottom: the page is turned a quarter (90° or 270°, not told apart). */
  sideways: boolean;
  /**
   * The small tilt of the lines, in degrees clockwise, in the frame where they run across (after
   * turning a sideways page a quarter clockwise). 0 when the page is straight or unreadable.
   */
  skewDegrees: number;
  /** Line sharpness across / along the lines (higher: clearer); for diagnostics and tests. */
  scores: { across: number; down: number };
}

/** Analyse at most this many pixels on the long side: enough to separate receipt lines. */
const ANALYSIS_SIDE = 1000;
/** Tilts tried, degrees. Scans within ±5° are common; more is a photo, not a scan. */
const MAX_SKEW = 5;
const COARSE_STEP = 0.5;
const FINE_STEP = 0.1;
/** Ink pixels sampled at most (the profile needs their distribution, not every one). */
const MAX_INK = 150_000;

/**
 * Project-profile analysis: ink projected onto lines at the right angle piles up in sharp rows
 * with blank gaps between them, so the sum of squared differences between neighbouring profile
 * bins peaks when the projection follows the text lines. Comparing the best tilt along each axis
 * tells a sideways page from an upright one in milliseconds; it cannot tell upside down (a
 * profile is the same turned 180°) — recognition decides that (see page-orientation.ts).
 */
export async function detectTextDirection(input: sharp.Sharp): Promise<TextDirection> {
  const { data, info } = await input
    .clone()
    .removeAlpha()
    .grayscale()
    .resize({
      width: ANALYSIS_SIDE,
      height: ANALYSIS_SIDE,
      fit: "inside",
      withoutEnlargement: true,
    })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const ink = inkPixels(data, width, height);
  if (ink.length < 2 * 50)
    return { sideways: false, skewDegrees: 0, scores: { across: 0, down: 0 } };
  const across = bestTilt(ink, false);
  const down = bestTilt(ink, true);
  const gapsAcross = gapShare(profile(ink, across.degrees, false));
  const gapsDown = gapShare(profile(ink, down.degrees, true));
  const sideways = gapsDown > gapsAcross;
  const best = sideways ? down : across;
  return {
    sideways,
    skewDegrees: best.degrees,
    scores: { across: gapsAcross, down: gapsDown },
  };
}

/** Coordinates (x, y interleaved) of dark pixels, Otsu-thresholded, evenly subsampled. */
function inkPixels(gray: Buffer, width: number, height: number): Float32Array {
  const histogram = new Array<number>(256).fill(0);
  for (const v of gray) histogram[v]!++;
  const threshold = otsu(histogram, gray.length);
  let count = 0;
  for (let v = 0; v <= threshold; v++) count += histogram[v]!;
  // Ink is the minority; a page darker than it is light has the polarity reversed or is a photo.
  const stride = Math.max(1, Math.ceil(count / MAX_INK));
  const points = new Float32Array(2 * Math.ceil(count / stride));
  let seen = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (gray[row + x]! <= threshold && seen++ % stride === 0 && n < points.length) {
        points[n++] = x - width / 2;
        points[n++] = y - height / 2;
      }
    }
  }
  return points.subarray(0, n);
}

function otsu(histogram: number[], total: number): number {
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * histogram[v]!;
  let sumBelow = 0;
  let below = 0;
  let best = 0;
  let threshold = 127;
  for (let v = 0; v < 256; v++) {
    below += histogram[v]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    sumBelow += v * histogram[v]!;
    const meanBelow = sumBelow / below;
    const meanAbove = (sum - sumBelow) / above;
    const between = below * above * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = v;
    }
  }
  return threshold;
}

/** The tilt (degrees) at which lines along one axis are sharpest, coarse then fine. */
function bestTilt(ink: Float32Array, vertical: boolean): { degrees: number; score: number } {
  let best = { degrees: 0, score: -1 };
  const tryAt = (degrees: number) => {
    const score = profileSharpness(ink, degrees, vertical);
    if (score > best.score) best = { degrees, score };
  };
  for (let d = -MAX_SKEW; d <= MAX_SKEW + 1e-9; d += COARSE_STEP) tryAt(d);
  const coarse = best.degrees;
  for (let d = coarse - COARSE_STEP; d <= coarse + COARSE_STEP + 1e-9; d += FINE_STEP) tryAt(d);
  return { degrees: Math.round(best.degrees * 10) / 10, score: best.score };
}

/**
 * Sum of squared differences of the ink profile projected across lines tilted by `degrees`,
 * normalized by the squared ink count (so the two axes compare). `vertical` projects onto x: the
 * profile of lines running top to bottom, measured in the frame of the page turned a quarter
 * clockwise (so its tilt reads like an upright page's).
 */
function profileSharpness(ink: Float32Array, degrees: number, vertical: boolean): number {
  const bins = profile(ink, degrees, vertical);
  let sum = 0;
  for (let b = 1; b < bins.length; b++) sum += (bins[b]! - bins[b - 1]!) ** 2;
  const n = ink.length / 2;
  return sum / (n * n);
}

/**
 * The share of the profile, between its first and last ink, that is (nearly) empty: the gaps
 * between text lines. Across the lines they are many; along them (columns of a receipt), few.
 */
function gapShare(bins: Float64Array): number {
  // Between the 3rd and 97th percentile of the ink: specks in the margins do not stretch it.
  let total = 0;
  for (const b of bins) total += b;
  let first = 0;
  for (let acc = 0; first < bins.length && acc + bins[first]! < total * 0.03; first++) {
    acc += bins[first]!;
  }
  let last = bins.length - 1;
  for (let acc = 0; last > first && acc + bins[last]! < total * 0.03; last--) acc += bins[last]!;
  const span = bins.slice(first, last + 1);
  const sorted = [...span].sort((a, b) => a - b);
  const typical = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
  let gaps = 0;
  for (const b of span) if (b <= typical * 0.05) gaps++;
  return gaps / Math.max(1, span.length);
}

/** Ink counts per 1-px bin across lines tilted by `degrees` (see profileSharpness). */
function profile(ink: Float32Array, degrees: number, vertical: boolean): Float64Array {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const n = ink.length / 2;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const position = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x = ink[2 * i]!;
    let y = ink[2 * i + 1]!;
    // A quarter turn clockwise maps (x, y) to (-y, x) about the centre.
    if (vertical) [x, y] = [-y, x];
    // Rows of a page tilted clockwise by `degrees` sit at y·cos − x·sin after undoing the tilt.
    const p = y * cos - x * sin;
    position[i] = p;
    if (p < min) min = p;
    if (p > max) max = p;
  }
  const bins = new Float64Array(Math.ceil(max - min) + 2);
  for (let i = 0; i < n; i++) bins[Math.floor(position[i]! - min)]!++;
  return bins;
}
