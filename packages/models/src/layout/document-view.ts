import type { Layout, Token } from "@pagewise/core";

/** A token in document reading order, with where it sits among pages and lines. */
export interface ViewToken {
  token: Token;
  /** Position in `DocumentView.tokens`. */
  order: number;
  /** Index of the page in `layout.pages`. */
  page: number;
  /** Index of the line in `DocumentView.lines` (counted over the whole document). */
  line: number;
  /** Position within its line, left to right. */
  inLine: number;
}

export interface ViewLine {
  page: number;
  /** Orders of the line's tokens, left to right. */
  tokens: number[];
  /** Line index within its page (0 = top). */
  inPage: number;
  box: [number, number, number, number];
}

/**
 * A layout read in order: pages as given, lines by line number, tokens left to right. Every
 * featurizer and the aligner walk the same order, so "adjacent" means the same thing everywhere.
 */
export interface DocumentView {
  layout: Layout;
  tokens: ViewToken[];
  lines: ViewLine[];
  /** Per page, the range of lines [first, end) in `lines`. */
  pageLines: [number, number][];
}

export function buildDocumentView(layout: Layout): DocumentView {
  const tokens: ViewToken[] = [];
  const lines: ViewLine[] = [];
  const pageLines: [number, number][] = [];
  layout.pages.forEach((page, pageIdx) => {
    const byLine = new Map<number, Token[]>();
    for (const token of page.tokens) {
      const list = byLine.get(token.line);
      if (list) list.push(token);
      else byLine.set(token.line, [token]);
    }
    const first = lines.length;
    const lineNumbers = [...byLine.keys()].sort((a, b) => a - b);
    lineNumbers.forEach((lineNumber, inPage) => {
      const lineTokens = byLine
        .get(lineNumber)!
        .slice()
        .sort((a, b) => a.box[0] - b.box[0]);
      const lineIdx = lines.length;
      const orders: number[] = [];
      let box: [number, number, number, number] = [1, 1, 0, 0];
      lineTokens.forEach((token, inLine) => {
        orders.push(tokens.length);
        tokens.push({ token, order: tokens.length, page: pageIdx, line: lineIdx, inLine });
        box = [
          Math.min(box[0], token.box[0]),
          Math.min(box[1], token.box[1]),
          Math.max(box[2], token.box[2]),
          Math.max(box[3], token.box[3]),
        ];
      });
      lines.push({ page: pageIdx, tokens: orders, inPage, box });
    });
    pageLines.push([first, lines.length]);
  });
  return { layout, tokens, lines, pageLines };
}
