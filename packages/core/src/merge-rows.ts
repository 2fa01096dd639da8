import type { Token } from "./layout";

/**
 * Renumber lines as visual rows: lines whose boxes overlap vertically by at least half the
 * smaller height become one line (numbered top to bottom). SROIE's own OCR gives each text box its
 * own line, so `"TOTAL (RM):"` and its `"9.00"` further right would otherwise be two lines and the
 * amount would lose its label as a same-line neighbour. Token ids and order are kept.
 */
export function mergeRows(tokens: readonly Token[]): Token[] {
  const lines = new Map<number, { y0: number; y1: number }>();
  for (const t of tokens) {
    const l = lines.get(t.line);
    if (l) {
      l.y0 = Math.min(l.y0, t.box[1]);
      l.y1 = Math.max(l.y1, t.box[3]);
    } else lines.set(t.line, { y0: t.box[1], y1: t.box[3] });
  }
  const ordered = [...lines.entries()].sort(
    ([a, x], [b, y]) => x.y0 + x.y1 - (y.y0 + y.y1) || a - b,
  );
  const rowOf = new Map<number, number>();
  let row = -1;
  let current: { y0: number; y1: number } | undefined;
  for (const [line, box] of ordered) {
    const overlap = current ? Math.min(current.y1, box.y1) - Math.max(current.y0, box.y0) : -1;
    const smaller = current ? Math.min(current.y1 - current.y0, box.y1 - box.y0) : 0;
    if (current && overlap >= 0.5 * smaller && smaller > 0) {
      current = { y0: Math.min(current.y0, box.y0), y1: Math.max(current.y1, box.y1) };
    } else {
      row++;
      current = { ...box };
    }
    rowOf.set(line, row);
  }
  return tokens.map((t) => ({ ...t, line: rowOf.get(t.line)! }));
}
