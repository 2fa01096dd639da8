import { ALIGNED, COLUMN_GAP } from "../layout/column-order";
import type { DocumentView } from "../layout/document-view";

/** Tokens (reading-order positions, sorted) that form one value, and its mean probability. */
export interface Span {
  tokens: number[];
  score: number;
}

export interface SpanThresholds {
  /** A token at or above this probability starts a span. */
  seedThreshold: number;
  /** Neighbours at or above this probability join a span. */
  growThreshold: number;
  /** With `single`, the best token starts a span from this probability on. */
  minConfidence: number;
}

/**
 * Group likely tokens of a field into values: connected tokens at or above `growThreshold`
 * around a seed, where tokens connect when they follow each other in reading order (same line,
 * or a line wrapping to the next), or when a run ended by a column gap continues left-aligned on
 * the next line. The second kind keeps a multi-line address whole in a two-column layout, where
 * reading order interleaves it with the other column ("Lieferantenstraße 20 RECHNUNG / 80333
 * München 471102").
 */
export function textSpans(
  view: DocumentView,
  p: (i: number) => number,
  o: SpanThresholds,
  single: boolean,
): Span[] {
  const n = view.tokens.length;
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || p(i) > p(best)) best = i;
  const seed = (i: number) =>
    p(i) >= o.seedThreshold || (single && i === best && p(i) >= o.minConfidence);
  const member = (i: number) => p(i) >= o.growThreshold || seed(i);
  const parent = new Map<number, number>();
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(i, r);
    return r;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
  };
  for (let i = 0; i < n; i++) if (member(i)) parent.set(i, i);
  // Reading order: same line, or a line wrapping to the next.
  for (const i of parent.keys()) {
    if (parent.has(i + 1) && view.tokens[i + 1]!.page === view.tokens[i]!.page) join(i, i + 1);
  }
  // Columns: a run of members that a column gap ends continues with the run starting at the same
  // x on the next line (left-aligned blocks). Running text has no such gaps, so names on
  // consecutive lines of a paragraph stay apart.
  const runs = new Map<number, { first: number; last: number }[]>();
  for (const i of [...parent.keys()].sort((a, b) => a - b)) {
    const line = view.tokens[i]!.line;
    const list = runs.get(line) ?? [];
    const prev = list[list.length - 1];
    if (prev && prev.last === i - 1) prev.last = i;
    else list.push({ first: i, last: i });
    runs.set(line, list);
  }
  for (const [line, list] of runs) {
    for (const a of list) {
      const lastBox = view.tokens[a.last]!.token.box;
      const next = view.tokens[a.last + 1];
      const gapEnds = !next || next.line !== line || next.token.box[0] - lastBox[2] > COLUMN_GAP;
      if (!gapEnds) continue;
      const x0 = view.tokens[a.first]!.token.box[0];
      const x1 = lastBox[2];
      // The next line of the block may be a few lines down when the other column has lines in
      // between; a line with anything under the run ends the search.
      for (let below = line + 1; below <= line + 3; below++) {
        const l = view.lines[below];
        if (!l || l.page !== view.lines[line]!.page) break;
        const b = runs
          .get(below)
          ?.find((r) => Math.abs(view.tokens[r.first]!.token.box[0] - x0) < ALIGNED);
        if (b) {
          join(a.last, b.first);
          break;
        }
        if (
          l.tokens.some(
            (o) => view.tokens[o]!.token.box[0] < x1 && view.tokens[o]!.token.box[2] > x0,
          )
        )
          break;
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of [...parent.keys()].sort((a, b) => a - b)) {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const spans: Span[] = [];
  for (const tokens of groups.values()) {
    if (!tokens.some(seed)) continue;
    spans.push({ tokens, score: tokens.reduce((sum, i) => sum + p(i), 0) / tokens.length });
  }
  return spans;
}

/**
 * A span whose tokens are one value printed twice in a row ("Liselotte Müllermann" on two
 * consecutive lines) reads as that value once.
 */
export function withoutRepeat(view: DocumentView, span: Span): Span {
  const n = span.tokens.length;
  if (n < 2 || n % 2 !== 0) return span;
  const half = n / 2;
  const text = (k: number) => view.tokens[span.tokens[k]!]!.token.text;
  for (let k = 0; k < half; k++) if (text(k) !== text(half + k)) return span;
  return { ...span, tokens: span.tokens.slice(0, half) };
}
