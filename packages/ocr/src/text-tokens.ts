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

/** Split runs into words (boxes proportional to character positions). */
function splitRuns(runs: readonly TextRun[]): Word[] {
  const words: Word[] = [];
  for (const run of runs) {
    const chars = [...run.text];
    if (chars.length === 0) continue;
    const size = Math.hypot(run.up[0], run.up[1]);
    if (!(size > 0)) continue;
    const pattern = /\S+/gu;
    const text = chars.join("");
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      // Positions in code points, not UTF-16 units, so surrogate pairs count once.
      const start = [...text.slice(0, m.index)].length;
      const end = start + [...m[0]].length;
      words.push(
        wordAt(run, m[0], start / chars.length, end / chars.length, size, {
          spaceBefore: start > 0,
          spaceAfter: end < chars.length || run.endsLine,
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
  const xs: number[] = [];
  const ys: number[] = [];
  for (const t of [from, to]) {
    for (const s of [-DESCENT, ASCENT]) {
      xs.push(run.origin[0] + t * run.advance[0] + s * run.up[0]);
      ys.push(run.origin[1] + t * run.advance[1] + s * run.up[1]);
    }
  }
  const box: Box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  // For upright text the baseline is origin.y; for rotated text use the box centre instead.
  const upright = Math.abs(run.up[0]) < 1e-6 * size;
  const baseline = upright ? run.origin[1] : (box[1] + box[3]) / 2;
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
