import type { DocumentView } from "../layout/document-view";
import { hashString } from "../util/hash-string";
import {
  type FeatureMatrix,
  FeatureMatrixBuilder,
  SparseRowBuilder,
  slotSeed,
} from "./feature-hashing";
import { KEY_PHRASE_GROUP_NAMES, keyPhraseMask } from "./key-phrases";
import { PATTERN_FLAGS, patternFlags, wordShape } from "./token-patterns";

/** Bump when token features change meaning: models trained before cannot be used after. */
export const TOKEN_FEATURIZER_VERSION = 1;

export interface TokenFeaturizerConfig {
  version: number;
  /** Buckets of the hashed part (a power of two). */
  hashDim: number;
  /** The label schema's categories, in order: the document's category is an input. */
  categories: string[];
}

const S = {
  word: slotSeed("word"),
  shape: slotSeed("shape"),
  tri: slotSeed("char3"),
  prefix: slotSeed("prefix3"),
  suffix: slotSeed("suffix3"),
  left1: slotSeed("left1"),
  left2: slotSeed("left2"),
  right1: slotSeed("right1"),
  right2: slotSeed("right2"),
  leftShape: slotSeed("left-shape"),
  rightShape: slotSeed("right-shape"),
  lineLeft: slotSeed("line-left-bag"),
  lineFirst: slotSeed("line-first"),
  above: slotSeed("above"),
  aboveBag: slotSeed("above-bag"),
  below: slotSeed("below"),
  prevBag: slotSeed("prev-bag"),
  nextBag: slotSeed("next-bag"),
  catWord: slotSeed("category-word"),
};

const BOL = hashString("<bol>");
const EOL = hashString("<eol>");
const NONE = hashString("<none>");
const GROUPS = KEY_PHRASE_GROUP_NAMES.length;

/** Names of the dense features, in order (stored in the artifact metadata for inspection). */
export function tokenDenseFeatureNames(categories: readonly string[]): string[] {
  const names: string[] = [...PATTERN_FLAGS];
  for (const side of ["left", "right", "above"]) {
    for (const f of ["date", "amount_2dp", "has_digit", "ends_colon", "all_upper", "title_case"]) {
      names.push(`${side}_${f}`);
    }
  }
  for (const where of ["self", "line_left", "line_any", "above", "prev_near", "below"]) {
    for (const g of KEY_PHRASE_GROUP_NAMES) names.push(`kp_${where}_${g}`);
  }
  names.push(
    "x0",
    "y0",
    "x1",
    "y1",
    "cx",
    "cy",
    "width",
    "height",
    "pos_in_line",
    "first_in_line",
    "last_in_line",
    "line_length",
    "line_in_page",
    "lines_in_page",
    "first_page",
    "page_pos",
    "doc_pos",
    "doc_pos_abs",
    "doc_tokens",
    "pages",
    "word_count",
    "first_occurrence",
    "confidence",
    "line_has_date",
    "line_has_amount",
    "line_has_colon",
    "line_alpha_share",
    "cap_run_length",
    "cap_run_pos",
    "cap_run_org",
    "gap_left",
    "gap_right",
  );
  for (const c of categories) names.push(`category_${c}`);
  return names;
}

const SIDE_FLAGS = ["date", "amount_2dp", "has_digit", "ends_colon", "all_upper", "title_case"].map(
  (f) => PATTERN_FLAGS.indexOf(f as (typeof PATTERN_FLAGS)[number]),
);

interface TokenInfo {
  word: string;
  wordHash: number;
  shapeHash: number;
  flags: number[];
  kp: number;
}

function describe(text: string): TokenInfo {
  const lower = text.toLowerCase();
  const word = lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, "") || lower;
  return {
    word,
    wordHash: hashString(word),
    shapeHash: hashString(wordShape(text)),
    flags: patternFlags(text),
    kp: keyPhraseMask(text),
  };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** For each token, the token on the neighbouring line that overlaps it most horizontally. */
function verticalNeighbour(view: DocumentView, order: number, direction: -1 | 1): number {
  const t = view.tokens[order]!;
  const lineIdx = t.line + direction;
  const line = view.lines[lineIdx];
  if (!line || line.page !== t.page) return -1;
  const [x0, , x1] = t.token.box;
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const o of line.tokens) {
    const b = view.tokens[o]!.token.box;
    const overlap = Math.min(x1, b[2]) - Math.max(x0, b[0]);
    const score = overlap > 0 ? overlap : -Math.abs((b[0] + b[2]) / 2 - (x0 + x1) / 2);
    if (score > bestScore) {
      bestScore = score;
      best = o;
    }
  }
  return best;
}

/**
 * Per-token features of one document (rows in reading order, `view.tokens`): hashed word,
 * shape, character trigrams, prefixes and suffixes, neighbours' words (left/right on the line,
 * the token above and below, the line above, the previous and next words in reading order),
 * plus dense pattern flags (date, amount, percentage, id, IBAN, VAT id, postcode, currency…),
 * key-phrase groups near the token, its position on the page, line and document, and the
 * document's category.
 */
export function featurizeTokens(
  view: DocumentView,
  category: string,
  config: TokenFeaturizerConfig,
): FeatureMatrix {
  const n = view.tokens.length;
  const denseDim = tokenDenseFeatureNames(config.categories).length;
  const builder = new FeatureMatrixBuilder(config.hashDim, denseDim);
  const infos = view.tokens.map((t) => describe(t.token.text));
  const counts = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  infos.forEach((info, i) => {
    counts.set(info.word, (counts.get(info.word) ?? 0) + 1);
    if (!firstSeen.has(info.word)) firstSeen.set(info.word, i);
  });
  const lineStats = view.lines.map((line) => {
    let kp = 0;
    let date = 0;
    let amount = 0;
    let colon = 0;
    let alpha = 0;
    for (const o of line.tokens) {
      const f = infos[o]!;
      kp |= f.kp;
      date = Math.max(date, f.flags[6]!);
      amount = Math.max(amount, f.flags[8]!);
      colon = Math.max(colon, f.flags[19]!);
      alpha += f.flags[2]! && !f.flags[0]! ? 1 : 0;
    }
    return { kp, date, amount, colon, alphaShare: alpha / line.tokens.length };
  });
  // Runs of capitalized words (names of parties, companies) in reading order within a page.
  const capRun = new Int32Array(n);
  const capPos = new Int32Array(n);
  const capOrg = new Uint8Array(n);
  for (let i = 0; i < n; ) {
    const capital = (k: number) =>
      infos[k]!.flags[3]! || infos[k]!.flags[4]! || infos[k]!.flags[18]!;
    if (!capital(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && capital(j + 1) && view.tokens[j + 1]!.page === view.tokens[i]!.page) j++;
    let org = 0;
    for (let k = i; k <= j; k++) org |= infos[k]!.flags[18]!;
    for (let k = i; k <= j; k++) {
      capRun[k] = j - i + 1;
      capPos[k] = k - i;
      capOrg[k] = org;
    }
    i = j + 1;
  }
  const categoryHash = hashString(category);
  const pages = view.layout.pages.length;
  const row = new SparseRowBuilder(config.hashDim);
  const dense = new Float32Array(denseDim);

  for (let i = 0; i < n; i++) {
    const vt = view.tokens[i]!;
    const info = infos[i]!;
    const line = view.lines[vt.line]!;
    row.clear();
    row.add(S.word, info.wordHash);
    row.add(S.shape, info.shapeHash);
    row.add(S.catWord, info.wordHash ^ categoryHash, 0.5);
    const padded = `^${info.word}$`;
    for (let k = 0; k + 3 <= padded.length && k < 8; k++)
      row.add(S.tri, hashString(padded.slice(k, k + 3)), 0.3);
    if (info.word.length > 3) {
      row.add(S.prefix, hashString(info.word.slice(0, 3)), 0.5);
      row.add(S.suffix, hashString(info.word.slice(-3)), 0.5);
    }
    const left1 = vt.inLine > 0 ? line.tokens[vt.inLine - 1]! : -1;
    const left2 = vt.inLine > 1 ? line.tokens[vt.inLine - 2]! : -1;
    const right1 = vt.inLine + 1 < line.tokens.length ? line.tokens[vt.inLine + 1]! : -1;
    const right2 = vt.inLine + 2 < line.tokens.length ? line.tokens[vt.inLine + 2]! : -1;
    row.add(S.left1, left1 >= 0 ? infos[left1]!.wordHash : BOL);
    row.add(S.left2, left2 >= 0 ? infos[left2]!.wordHash : BOL, 0.5);
    row.add(S.right1, right1 >= 0 ? infos[right1]!.wordHash : EOL);
    row.add(S.right2, right2 >= 0 ? infos[right2]!.wordHash : EOL, 0.5);
    row.add(S.leftShape, left1 >= 0 ? infos[left1]!.shapeHash : BOL, 0.5);
    row.add(S.rightShape, right1 >= 0 ? infos[right1]!.shapeHash : EOL, 0.5);
    for (let k = Math.max(0, vt.inLine - 6); k < vt.inLine; k++)
      row.add(S.lineLeft, infos[line.tokens[k]!]!.wordHash, 0.5);
    row.add(S.lineFirst, infos[line.tokens[0]!]!.wordHash, 0.5);
    const above = verticalNeighbour(view, i, -1);
    const below = verticalNeighbour(view, i, 1);
    row.add(S.above, above >= 0 ? infos[above]!.wordHash : NONE);
    row.add(S.below, below >= 0 ? infos[below]!.wordHash : NONE, 0.5);
    const aboveLine =
      vt.line > 0 && view.lines[vt.line - 1]!.page === vt.page
        ? view.lines[vt.line - 1]!
        : undefined;
    if (aboveLine)
      for (const o of aboveLine.tokens.slice(0, 6)) row.add(S.aboveBag, infos[o]!.wordHash, 0.3);
    for (let k = Math.max(0, i - 4); k < i; k++) row.add(S.prevBag, infos[k]!.wordHash, 0.4);
    for (let k = i + 1; k <= Math.min(n - 1, i + 4); k++)
      row.add(S.nextBag, infos[k]!.wordHash, 0.4);

    let d = 0;
    for (const f of info.flags) dense[d++] = f;
    for (const side of [left1, right1, above]) {
      for (const f of SIDE_FLAGS) dense[d++] = side >= 0 ? infos[side]!.flags[f]! : 0;
    }
    let lineLeft = 0;
    for (let k = 0; k < vt.inLine; k++) lineLeft |= infos[line.tokens[k]!]!.kp;
    const aboveKp = aboveLine ? lineStats[vt.line - 1]!.kp : 0;
    const belowLine = view.lines[vt.line + 1];
    const belowKp = belowLine && belowLine.page === vt.page ? lineStats[vt.line + 1]!.kp : 0;
    const prevNear = new Float32Array(GROUPS);
    for (let k = i - 1, dist = 1; k >= 0 && dist <= 12; k--, dist++) {
      const mask = infos[k]!.kp;
      if (mask === 0) continue;
      for (let g = 0; g < GROUPS; g++)
        if (mask & (1 << g) && prevNear[g] === 0) prevNear[g] = 1 / dist;
    }
    for (const mask of [info.kp, lineLeft, lineStats[vt.line]!.kp, aboveKp]) {
      for (let g = 0; g < GROUPS; g++) dense[d++] = mask & (1 << g) ? 1 : 0;
    }
    for (let g = 0; g < GROUPS; g++) dense[d++] = prevNear[g]!;
    for (let g = 0; g < GROUPS; g++) dense[d++] = belowKp & (1 << g) ? 1 : 0;

    const [x0, y0, x1, y1] = vt.token.box;
    const [firstLine, endLine] = view.pageLines[vt.page]!;
    const linesInPage = endLine - firstLine;
    dense[d++] = x0;
    dense[d++] = y0;
    dense[d++] = x1;
    dense[d++] = y1;
    dense[d++] = (x0 + x1) / 2;
    dense[d++] = (y0 + y1) / 2;
    dense[d++] = clamp01((x1 - x0) * 4);
    dense[d++] = clamp01((y1 - y0) * 20);
    dense[d++] = line.tokens.length > 1 ? vt.inLine / (line.tokens.length - 1) : 0;
    dense[d++] = vt.inLine === 0 ? 1 : 0;
    dense[d++] = vt.inLine === line.tokens.length - 1 ? 1 : 0;
    dense[d++] = clamp01(line.tokens.length / 20);
    dense[d++] = linesInPage > 1 ? line.inPage / (linesInPage - 1) : 0;
    dense[d++] = clamp01(linesInPage / 100);
    dense[d++] = vt.page === 0 ? 1 : 0;
    dense[d++] = pages > 1 ? vt.page / (pages - 1) : 0;
    dense[d++] = n > 1 ? i / (n - 1) : 0;
    dense[d++] = Math.min(i, 2000) / 2000;
    dense[d++] = clamp01(n / 5000);
    dense[d++] = clamp01(pages / 20);
    dense[d++] = Math.log1p(counts.get(info.word)!) / 4;
    dense[d++] = firstSeen.get(info.word) === i ? 1 : 0;
    dense[d++] = vt.token.confidence;
    const ls = lineStats[vt.line]!;
    dense[d++] = ls.date;
    dense[d++] = ls.amount;
    dense[d++] = ls.colon;
    dense[d++] = ls.alphaShare;
    dense[d++] = clamp01(capRun[i]! / 6);
    dense[d++] = clamp01(capPos[i]! / 6);
    dense[d++] = capOrg[i]!;
    const leftBox = left1 >= 0 ? view.tokens[left1]!.token.box : undefined;
    const rightBox = right1 >= 0 ? view.tokens[right1]!.token.box : undefined;
    dense[d++] = leftBox ? clamp01((x0 - leftBox[2]) * 5) : 1;
    dense[d++] = rightBox ? clamp01((rightBox[0] - x1) * 5) : 1;
    for (const c of config.categories) dense[d++] = c === category ? 1 : 0;
    builder.push(row, dense);
  }
  return builder.build();
}
