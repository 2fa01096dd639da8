import type { DocumentView } from "./document-view";
import { ALIGNED, type LineSegment, lineSegments } from "./line-segments";

export { ALIGNED, COLUMN_GAP } from "./line-segments";

/**
 * A page's tokens in column order: lines are cut into segments at column gaps, and a segment is
 * followed by the left-aligned segment below it before reading moves right. In a two-column
 * letterhead ("Lieferantenstraße 20 ·· RECHNUNG / 80333 München ·· 471102") the address comes out
 * whole. Single-column pages read as in reading order.
 */
export function columnOrder(view: DocumentView, page: number): number[] {
  const [firstLine, endLine] = view.pageLines[page]!;
  const segments: LineSegment[][] = [];
  for (let l = firstLine; l < endLine; l++) segments.push(lineSegments(view, l));
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
