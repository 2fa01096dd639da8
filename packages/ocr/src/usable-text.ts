import type { Token } from "@pagewise/core";

/** Fewer real characters than this and the page is treated as having no text layer. */
export const MIN_USABLE_CHARS = 16;

/**
 * Whether a text layer is worth trusting instead of OCR. A scanned page often carries a stray
 * page number or a stamp as text, and fonts without a Unicode map yield private-use or
 * replacement characters: count letters and digits, and require most characters to be sane.
 */
export function hasUsableText(tokens: readonly Token[]): boolean {
  let real = 0;
  let total = 0;
  for (const token of tokens) {
    for (const ch of token.text) {
      total++;
      if (/[\p{L}\p{N}]/u.test(ch)) real++;
      else if (/[\p{Co}\p{Cc}\p{Cs}\uFFFD]/u.test(ch)) real -= 1;
    }
  }
  return real >= MIN_USABLE_CHARS && real >= 0.5 * total;
}
