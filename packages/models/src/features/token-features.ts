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
export const TOKEN_FEATURIZER_VERSION = 2;

export interface TokenFeaturizerConfig {
  version: number;
  /** Buckets of the hashed part (a power of two). */
  hashDim: number;
  /** The label schema's categories, in order: the document's category is an input. */
  categories: string[];
  /**
   * Weight of the token's own word identity (hashed word, its trigrams, prefix and suffix);
   * default 1. Lower weights make the model lean on what transfers across vendors (key phrases
   * around the token, value type, position) rather than on remembering a vendor's words.
   */
  identityWeight?: number;
  /**
   * Add the nearest label before the token on its line and above it (a key-phrase word or a word
   * ending in a colon, however far), alone and with the token's shape: "Rechnungsnummer:" two
   * columns left of a number says the same on every vendor's layout. Off for extractors trained
   * before it existed.
   */
  labelContext?: boolean;
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
  upFirst: slotSeed("first-words-above"),
  below: slotSeed("below"),
  prevBag: slotSeed("prev-bag"),
  nextBag: slotSeed("next-bag"),
  catWord: slotSeed("category-word"),
  labelLeft: slotSeed("label-left"),
  labelAbove: slotSeed("label-above"),
  labelLeftShape: slotSeed("label-left-shape"),
  labelAboveShape: slotSeed("label-above-shape"),
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
  for (const where of [
    "self",
    "line_left",
    "line_any",
    "above",
    "prev_near",
    "below",
    "lines_above",
  ]) {
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
  shapeHash: number;
  flags: number[];
  kp: number;
}

interface LineStat {
  kp: number;
  date: number;
  amount: number;
  colon: number;
  alphaShare: number;
}

function wordOf(text: string): string {
  const lower = text.toLowerCase();
  return lower.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, "") || lower;
}

/**
 * What the features of a token need to know about the others, computed on demand and memoized:
 * featurizing a sample of a long contract's tokens then costs little more than the sample.
 */
class TokenContext {
  readonly words: string[];
  readonly wordHashes: Int32Array;
  readonly counts = new Map<string, number>();
  readonly firstSeen = new Map<string, number>();
  private readonly infos: (TokenInfo | undefined)[];
  private readonly lineStats: (LineStat | undefined)[];

  constructor(readonly view: DocumentView) {
    this.words = view.tokens.map((t) => wordOf(t.token.text));
    this.wordHashes = Int32Array.from(this.words, (w) => hashString(w));
    this.words.forEach((w, i) => {
      this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
      if (!this.firstSeen.has(w)) this.firstSeen.set(w, i);
    });
    this.infos = new Array(view.tokens.length);
    this.lineStats = new Array(view.lines.length);
  }

  info(i: number): TokenInfo {
    let info = this.infos[i];
    if (!info) {
      const text = this.view.tokens[i]!.token.text;
      info = {
        shapeHash: hashString(wordShape(text)),
        flags: patternFlags(text),
        kp: keyPhraseMask(text),
      };
      this.infos[i] = info;
    }
    return info;
  }

  line(l: number): LineStat {
    let stat = this.lineStats[l];
    if (!stat) {
      stat = { kp: 0, date: 0, amount: 0, colon: 0, alphaShare: 0 };
      const tokens = this.view.lines[l]!.tokens;
      let alpha = 0;
      for (const o of tokens) {
        const f = this.info(o);
        stat.kp |= f.kp;
        stat.date = Math.max(stat.date, f.flags[6]!);
        stat.amount = Math.max(stat.amount, f.flags[8]!);
        stat.colon = Math.max(stat.colon, f.flags[19]!);
        alpha += f.flags[2]! && !f.flags[0]! ? 1 : 0;
      }
      stat.alphaShare = alpha / tokens.length;
      this.lineStats[l] = stat;
    }
    return stat;
  }

  /** A word that labels a value: in a key-phrase group, or ending with a colon. */
  isLabel(k: number): boolean {
    const info = this.info(k);
    return info.kp !== 0 || info.flags[19]! === 1;
  }

  private capital(k: number): boolean {
    const f = this.info(k).flags;
    return f[3]! === 1 || f[4]! === 1 || f[18]! === 1;
  }

  /** The run of capitalized words (names of parties, companies) around token i, in its page. */
  capitalRun(i: number): { length: number; position: number; org: number } {
    if (!this.capital(i)) return { length: 0, position: 0, org: 0 };
    const page = this.view.tokens[i]!.page;
    const n = this.view.tokens.length;
    let first = i;
    while (first > 0 && this.view.tokens[first - 1]!.page === page && this.capital(first - 1))
      first--;
    let last = i;
    while (last + 1 < n && this.view.tokens[last + 1]!.page === page && this.capital(last + 1))
      last++;
    let org = 0;
    for (let k = first; k <= last; k++) org |= this.info(k).flags[18]!;
    return { length: last - first + 1, position: i - first, org };
  }
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * The token on the neighbouring line (or on line `lineIdx`) that overlaps token `order` most
 * horizontally.
 */
function verticalNeighbour(
  view: DocumentView,
  order: number,
  direction: number,
  lineIdx = view.tokens[order]!.line + direction,
): number {
  const t = view.tokens[order]!;
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
  /** Only these tokens (reading-order positions), in this order; default: all. */
  rows?: readonly number[],
): FeatureMatrix {
  const n = view.tokens.length;
  const denseDim = tokenDenseFeatureNames(config.categories).length;
  const builder = new FeatureMatrixBuilder(config.hashDim, denseDim);
  const ctx = new TokenContext(view);
  const wordHash = ctx.wordHashes;
  const categoryHash = hashString(category);
  const pages = view.layout.pages.length;
  const row = new SparseRowBuilder(config.hashDim);
  const dense = new Float32Array(denseDim);
  const idw = config.identityWeight ?? 1;

  for (const i of rows ?? view.tokens.keys()) {
    const vt = view.tokens[i]!;
    const info = ctx.info(i);
    const word = ctx.words[i]!;
    const line = view.lines[vt.line]!;
    row.clear();
    // Same order as before identityWeight existed (input dropout draws per entry in order), so a
    // weight of 1 gives exactly the features of earlier versions.
    if (idw > 0) row.add(S.word, wordHash[i]!, idw);
    row.add(S.shape, info.shapeHash);
    if (idw > 0) {
      row.add(S.catWord, wordHash[i]! ^ categoryHash, 0.5 * idw);
      const padded = `^${word}$`;
      for (let k = 0; k + 3 <= padded.length && k < 8; k++)
        row.add(S.tri, hashString(padded.slice(k, k + 3)), 0.3 * idw);
      if (word.length > 3) {
        row.add(S.prefix, hashString(word.slice(0, 3)), 0.5 * idw);
        row.add(S.suffix, hashString(word.slice(-3)), 0.5 * idw);
      }
    }
    const left1 = vt.inLine > 0 ? line.tokens[vt.inLine - 1]! : -1;
    const left2 = vt.inLine > 1 ? line.tokens[vt.inLine - 2]! : -1;
    const right1 = vt.inLine + 1 < line.tokens.length ? line.tokens[vt.inLine + 1]! : -1;
    const right2 = vt.inLine + 2 < line.tokens.length ? line.tokens[vt.inLine + 2]! : -1;
    row.add(S.left1, left1 >= 0 ? wordHash[left1]! : BOL);
    row.add(S.left2, left2 >= 0 ? wordHash[left2]! : BOL, 0.5);
    row.add(S.right1, right1 >= 0 ? wordHash[right1]! : EOL);
    row.add(S.right2, right2 >= 0 ? wordHash[right2]! : EOL, 0.5);
    row.add(S.leftShape, left1 >= 0 ? ctx.info(left1).shapeHash : BOL, 0.5);
    row.add(S.rightShape, right1 >= 0 ? ctx.info(right1).shapeHash : EOL, 0.5);
    for (let k = Math.max(0, vt.inLine - 6); k < vt.inLine; k++)
      row.add(S.lineLeft, wordHash[line.tokens[k]!]!, 0.5);
    row.add(S.lineFirst, wordHash[line.tokens[0]!]!, 0.5);
    const above = verticalNeighbour(view, i, -1);
    const below = verticalNeighbour(view, i, 1);
    row.add(S.above, above >= 0 ? wordHash[above]! : NONE);
    row.add(S.below, below >= 0 ? wordHash[below]! : NONE, 0.5);
    const aboveLine =
      vt.line > 0 && view.lines[vt.line - 1]!.page === vt.page
        ? view.lines[vt.line - 1]!
        : undefined;
    if (aboveLine)
      for (const o of aboveLine.tokens.slice(0, 6)) row.add(S.aboveBag, wordHash[o]!, 0.3);
    // Section headers ("Verkäufer", "Käufer", "Bill to") start lines a few lines above.
    for (
      let l = vt.line - 2;
      l >= Math.max(0, vt.line - 5) && view.lines[l]!.page === vt.page;
      l--
    ) {
      row.add(S.upFirst, wordHash[view.lines[l]!.tokens[0]!]!, 0.4);
    }
    for (let k = Math.max(0, i - 4); k < i; k++) row.add(S.prevBag, wordHash[k]!, 0.4);
    for (let k = i + 1; k <= Math.min(n - 1, i + 4); k++) row.add(S.nextBag, wordHash[k]!, 0.4);

    if (config.labelContext) {
      let labelLeft = -1;
      for (let k = vt.inLine - 1; k >= 0 && labelLeft < 0; k--)
        if (ctx.isLabel(line.tokens[k]!)) labelLeft = line.tokens[k]!;
      let labelAbove = -1;
      for (let l = vt.line - 1; l >= Math.max(0, vt.line - 4) && labelAbove < 0; l--) {
        if (view.lines[l]!.page !== vt.page) break;
        const o = verticalNeighbour(view, i, l - vt.line, l);
        if (o >= 0 && ctx.isLabel(o)) labelAbove = o;
      }
      const leftHash = labelLeft >= 0 ? wordHash[labelLeft]! : NONE;
      const aboveHash = labelAbove >= 0 ? wordHash[labelAbove]! : NONE;
      row.add(S.labelLeft, leftHash);
      row.add(S.labelAbove, aboveHash, 0.7);
      row.add(S.labelLeftShape, leftHash ^ info.shapeHash, 0.5);
      row.add(S.labelAboveShape, aboveHash ^ info.shapeHash, 0.5);
    }

    let d = 0;
    for (const f of info.flags) dense[d++] = f;
    for (const side of [left1, right1, above]) {
      for (const f of SIDE_FLAGS) dense[d++] = side >= 0 ? ctx.info(side).flags[f]! : 0;
    }
    let lineLeft = 0;
    for (let k = 0; k < vt.inLine; k++) lineLeft |= ctx.info(line.tokens[k]!).kp;
    const aboveKp = aboveLine ? ctx.line(vt.line - 1).kp : 0;
    const belowLine = view.lines[vt.line + 1];
    const belowKp = belowLine && belowLine.page === vt.page ? ctx.line(vt.line + 1).kp : 0;
    const prevNear = new Float32Array(GROUPS);
    for (let k = i - 1, dist = 1; k >= 0 && dist <= 12; k--, dist++) {
      const mask = ctx.info(k).kp;
      if (mask === 0) continue;
      for (let g = 0; g < GROUPS; g++)
        if (mask & (1 << g) && prevNear[g] === 0) prevNear[g] = 1 / dist;
    }
    for (const mask of [info.kp, lineLeft, ctx.line(vt.line).kp, aboveKp]) {
      for (let g = 0; g < GROUPS; g++) dense[d++] = mask & (1 << g) ? 1 : 0;
    }
    for (let g = 0; g < GROUPS; g++) dense[d++] = prevNear[g]!;
    for (let g = 0; g < GROUPS; g++) dense[d++] = belowKp & (1 << g) ? 1 : 0;
    const linesAbove = new Float32Array(GROUPS);
    for (
      let l = vt.line - 1, dist = 1;
      l >= 0 && dist <= 6 && view.lines[l]!.page === vt.page;
      l--, dist++
    ) {
      const mask = ctx.line(l).kp;
      for (let g = 0; g < GROUPS; g++) {
        if (mask & (1 << g) && linesAbove[g] === 0) linesAbove[g] = 1 / dist;
      }
    }
    for (let g = 0; g < GROUPS; g++) dense[d++] = linesAbove[g]!;

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
    dense[d++] = Math.log1p(ctx.counts.get(word)!) / 4;
    dense[d++] = ctx.firstSeen.get(word) === i ? 1 : 0;
    dense[d++] = vt.token.confidence;
    const ls = ctx.line(vt.line);
    dense[d++] = ls.date;
    dense[d++] = ls.amount;
    dense[d++] = ls.colon;
    dense[d++] = ls.alphaShare;
    const run = ctx.capitalRun(i);
    dense[d++] = clamp01(run.length / 6);
    dense[d++] = clamp01(run.position / 6);
    dense[d++] = run.org;
    const leftBox = left1 >= 0 ? view.tokens[left1]!.token.box : undefined;
    const rightBox = right1 >= 0 ? view.tokens[right1]!.token.box : undefined;
    dense[d++] = leftBox ? clamp01((x0 - leftBox[2]) * 5) : 1;
    dense[d++] = rightBox ? clamp01((rightBox[0] - x1) * 5) : 1;
    for (const c of config.categories) dense[d++] = c === category ? 1 : 0;
    builder.push(row, dense);
  }
  return builder.build();
}
