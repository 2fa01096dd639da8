import type { DocumentView } from "./document-view";

/** Horizontal gap (page widths) that separates columns rather than words. */
export const COLUMN_GAP = 0.04;
/** Runs starting this close (page widths) on consecutive lines are one left-aligned block. */
export const ALIGNED = 0.02;

/**
 * A page's tokens in column order: lines are cut into segments at column gaps, and a segment is
 * followed by the left-aligned segment below it before reading moves right. In a two-column
 * letterhead ("Lieferantenstraße 20 ·· RECHNUNG / 80333 München ·· 471102") the address comes out
 * whole. Single-column pages read as in reading order.
 */
export function columnOrder(view: DocumentView, page: number): number[] {
  const [firstLine, endLine] = view.pageLines[page]!;
  const segments: { line: number; x0: number; tokens: number[] }[][] = [];
  for (let l = firstLine; l < endLine; l++) {
    const line: { line: number; x0: number; tokens: number[] }[] = [];
    for (const order of view.lines[l]!.tokens) {
      const box = view.tokens[order]!.token.box;
      const prev = line[line.length - 1];
      const prevBox = prev
        ? view.tokens[prev.tokens[prev.tokens.length - 1]!]!.token.box
        : undefined;
      if (prev && prevBox && box[0] - prevBox[2] <= COLUMN_GAP) prev.tokens.push(order);
      else line.push({ line: l, x0: box[0], tokens: [order] });
    }
    segments.push(line);
  }
  const used = segments.map((line) => line.map(() => false));
  const out: number[] = [];
  const right = (tokens: number[]) => view.tokens[tokens[tokens.length - 1]!]!.token.box[2];
  segments.forEach((line, li) => {
    line.forEach((segment, si) => {
      if (used[li]![si]) return;
      used[li]![si] = true;
      out.push(...segment.tokens);
      const x0 = segment.x0;
      let x1 = right(segment.tokens);
      let at = li;
      // Follow the block down; a line with nothing in the block's columns is skipped (the other
      // column has a line there), anything else in the way ends the block.
      for (let next = at + 1; next < segments.length && next <= at + 3; next++) {
        const k = segments[next]!.findIndex(
          (s, j) => !used[next]![j] && Math.abs(s.x0 - x0) < ALIGNED,
        );
        if (k >= 0) {
          used[next]![k] = true;
          out.push(...segments[next]![k]!.tokens);
          x1 = Math.max(x1, right(segments[next]![k]!.tokens));
          at = next;
          continue;
        }
        const blocked = segments[next]!.some((s) => s.x0 < x1 && right(s.tokens) > x0);
        if (blocked) break;
      }
    });
  });
  return out;
}
