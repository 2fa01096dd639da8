import { z } from "zod";

/**
 * A box is `[x0, y0, x1, y1]` in **normalized page coordinates**: fractions of the page's width and
 * height, origin at the top-left corner, x to the right, y downwards. Multiply by the page's
 * `width`/`height` (the pixel size of the page image) to get pixels. Normalized boxes keep one
 * meaning whatever resolution a page is rendered at, and are what the models consume.
 */
export const BoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof BoxSchema>;

export const PageSourceSchema = z.enum(["text", "ocr", "import"]);
export type PageSource = z.infer<typeof PageSourceSchema>;

export const TokenSchema = z.object({
  /** Stable within a document: `"<page>:<index>"`. */
  id: z.string(),
  text: z.string(),
  box: BoxSchema,
  /** 0–1. Text-layer tokens are 1; OCR tokens carry the engine's word confidence. */
  confidence: z.number().min(0).max(1),
  /** Line number within the page, in reading order, starting at 0. */
  line: z.number().int().nonnegative(),
});
export type Token = z.infer<typeof TokenSchema>;

export const PageLayoutSchema = z.object({
  index: z.number().int().nonnegative(),
  /** Pixel size of the page image (for PDFs: rendered at `PAGE_IMAGE_DPI`). */
  width: z.number().positive(),
  height: z.number().positive(),
  source: PageSourceSchema,
  tokens: z.array(TokenSchema),
});
export type PageLayout = z.infer<typeof PageLayoutSchema>;

export const LayoutSchema = z.object({ pages: z.array(PageLayoutSchema) });
export type Layout = z.infer<typeof LayoutSchema>;

/** Resolution at which PDF pages are rendered for display (and that defines their pixel size). */
export const PAGE_IMAGE_DPI = 150;

export function tokenId(pageIndex: number, tokenIndex: number): string {
  return `${pageIndex}:${tokenIndex}`;
}

/** The smallest box that holds all given boxes. */
export function unionBox(boxes: readonly Box[]): Box {
  if (boxes.length === 0) throw new Error("unionBox needs at least one box");
  let [x0, y0, x1, y1] = boxes[0]!;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

/** Plain text of a page in reading order: tokens joined by spaces, lines by newlines. */
export function pageText(page: PageLayout): string {
  const lines: string[][] = [];
  for (const token of page.tokens) {
    const line = lines[token.line] ?? [];
    line.push(token.text);
    lines[token.line] = line;
  }
  return lines.map((words) => (words ?? []).join(" ")).join("\n");
}

export function layoutText(layout: Layout): string {
  return layout.pages.map(pageText).join("\n\f");
}
