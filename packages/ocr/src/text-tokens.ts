import { type Box, type Token, tokenId } from "@pagewise/core";

/**
 * One run of text as a PDF text layer gives it, already in page pixels (origin top-left):
 * the baseline starts at `origin`, `advance` is the vector from the start to the end of the run,
 * `up` the vector from the baseline to the top of the em box (its length is the font size).
 */
export interface TextRun {
  text: string;
  origin: [number, number];
  advance: [number, number];
  up: [number, number];
  /** The run is followed by a line break (pdf.js `hasEOL`). */
  endsLine: boolean;
}

/** A word with its pixel box, before line grouping (from a text layer or from OCR). */
export interface Word {
  text: string;
  box: Box;
  /** y of the baseline (words of one line share it within a fraction of `size`). */
  baseline: number;
  /** Font size or line height, in pixels: the scale for the line-grouping tolerances. */
  size: number;
  confidence: number;
  /** Whitespace separates this word from its neighbours (otherwise touching fragments merge). */
  spaceBefore: boolean;
  spaceAfter: boolean;
}

// The em box reaches about 0.2 em below the baseline and 0.8 em above it.
const DESCENT = 0.2;
const ASCENT = 0.8;

/** Any UTF-16 surrogate: a string without one has as many code points as code units. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * For each UTF-16 index of `text` (and its end), how many code points precede it: positions
 * are in code points, so that a surrogate pair counts once. Only built for a run that has one.
 */
function codePointOffsets(text: string): Int32Array {
  const offsets = new Int32Array(text.length + 1);
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[i] = points;
    // A high surrogate followed by a low one is one code point (as `[...text]` counts it).
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) offsets[++i] = points;
    }
    points++;
  }
  offsets[text.length] = points;
  return offsets;
}

/**
 * Split runs into words (boxes proportional to character positions). Linear in the run's
 * length: pages of long runs made the per-word prefix counts the text layer's largest cost.
 */
function splitRuns(runs: readonly TextRun[]): Word[] {
  const words: Word[] = [];
  const pattern = /\S+/gu;
  for (const run of runs) {
    const text = run.text;
    if (text.length === 0) continue;
    const size = Math.hypot(run.up[0], run.up[1]);
    if (!(size > 0)) continue;
    const offsets = SURROGATE.test(text) ? codePointOffsets(text) : null;
    const length = offsets ? offsets[text.length]! : text.length;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const from = m.index;
      const to = from + m[0].length;
      const start = offsets ? offsets[from]! : from;
      const end = offsets ? offsets[to]! : to;
      words.push(
        wordAt(run, m[0], start / length, end / length, size, {
          spaceBefore: start > 0,
          spaceAfter: end < length || run.endsLine,
        }),
      );
    }
  }
  return words;
}

function wordAt(
  run: TextRun,
  text: string,
  from: number,
  to: number,
  size: number,
  spacing: { spaceBefore: boolean; spaceAfter: boolean },
): Word {
  // The box around the four corners: the word's start and end, each at descent and ascent.
  const [ox, oy] = run.origin;
  const [ax, ay] = run.advance;
  const [ux, uy] = run.up;
  const x1 = ox + from * ax - DESCENT * ux;
  const x2 = ox + from * ax + ASCENT * ux;
  const x3 = ox + to * ax - DESCENT * ux;
  const x4 = ox + to * ax + ASCENT * ux;
  const y1 = oy + from * ay - DESCENT * uy;
  const y2 = oy + from * ay + ASCENT * uy;
  const y3 = oy + to * ay - DESCENT * uy;
  const y4 = oy + to * ay + ASCENT * uy;
  const box: Box = [
    Math.min(x1, x2, x3, x4),
    Math.min(y1, y2, y3, y4),
    Math.max(x1, x2, x3, x4),
    Math.max(y1, y2, y3, y4),
  ];
  // For upright text the baseline is origin.y; for rotated text use the box centre instead.
  const upright = Math.abs(ux) < 1e-6 * size;
  const baseline = upright ? oy : (box[1] + box[3]) / 2;
  return { text, box, baseline, size, confidence: 1, ...spacing };
}

/** Group words into lines by baseline (top to bottom), words left to right. */
function groupLines(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.baseline - b.baseline || a.box[0] - b.box[0]);
  const lines: { baseline: number; size: number; words: Word[] }[] = [];
  for (const word of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(word.baseline - line.baseline) <= 0.4 * Math.min(word.size, line.size)) {
      line.words.push(word);
    } else {
      lines.push({ baseline: word.baseline, size: word.size, words: [word] });
    }
  }
  return lines.map((line) => mergeFragments(line.words.sort((a, b) => a.box[0] - b.box[0])));
}

/**
 * Some generators place one word as several runs (kerning, font changes) with no space between:
 * glue such fragments back together when they touch.
 */
function mergeFragments(line: Word[]): Word[] {
  const out: Word[] = [];
  for (const word of line) {
    const prev = out[out.length - 1];
    const gap = prev ? word.box[0] - prev.box[2] : Number.POSITIVE_INFINITY;
    const size = prev ? Math.min(prev.size, word.size) : 0;
    if (prev && !prev.spaceAfter && !word.spaceBefore && gap < 0.12 * size && gap > -0.3 * size) {
      prev.text += word.text;
      prev.box = [
        Math.min(prev.box[0], word.box[0]),
        Math.min(prev.box[1], word.box[1]),
        Math.max(prev.box[2], word.box[2]),
        Math.max(prev.box[3], word.box[3]),
      ];
      prev.spaceAfter = word.spaceAfter;
      prev.confidence = Math.min(prev.confidence, word.confidence);
    } else {
      out.push({ ...word });
    }
  }
  return out;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Turn text-layer runs (page pixels) into core tokens: word-split, grouped into lines by baseline,
 * boxes normalized to 0–1 against the page's pixel size.
 */
export function runsToTokens(
  runs: readonly TextRun[],
  pageIndex: number,
  width: number,
  height: number,
): Token[] {
  return wordsToTokens(splitRuns(runs), pageIndex, width, height);
}

/**
 * Core tokens from words in pixels of a `width` × `height` image: lines by baseline, top to
 * bottom, words left to right, boxes normalized to 0–1.
 */
export function wordsToTokens(
  words: Word[],
  pageIndex: number,
  width: number,
  height: number,
): Token[] {
  const tokens: Token[] = [];
  groupLines(words).forEach((line, lineIndex) => {
    for (const word of line) {
      tokens.push({
        id: tokenId(pageIndex, tokens.length),
        text: word.text,
        box: [
          clamp01(word.box[0] / width),
          clamp01(word.box[1] / height),
          clamp01(word.box[2] / width),
          clamp01(word.box[3] / height),
        ],
        confidence: Math.min(1, Math.max(0, word.confidence)),
        line: lineIndex,
      });
    }
  });
  return tokens;
}
