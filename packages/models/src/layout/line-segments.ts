import type { DocumentView } from "./document-view";

/** Horizontal gap (page widths) that separates columns rather than words. */
export const COLUMN_GAP = 0.04;
/** Runs starting this close (page widths) on consecutive lines are one left-aligned block. */
export const ALIGNED = 0.02;

/** A run of a line's tokens with no column gap inside: one cell of a letterhead or form. */
export interface LineSegment {
  line: number;
  /** Left edge (page widths). */
  x0: number;
  /** Reading-order positions, left to right. */
  tokens: number[];
}

/** The segments of one line, cut where the gap between two tokens exceeds `COLUMN_GAP`. */
export function lineSegments(view: DocumentView, line: number): LineSegment[] {
  const out: LineSegment[] = [];
  for (const order of view.lines[line]!.tokens) {
    const box = view.tokens[order]!.token.box;
    const prev = out[out.length - 1];
    const prevBox = prev ? view.tokens[prev.tokens[prev.tokens.length - 1]!]!.token.box : undefined;
    if (prev && prevBox && box[0] - prevBox[2] <= COLUMN_GAP) prev.tokens.push(order);
    else out.push({ line, x0: box[0], tokens: [order] });
  }
  return out;
}
