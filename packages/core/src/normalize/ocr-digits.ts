/**
 * OCR often reads digits as look-alike letters inside numbers ("9.0O", "20l8", "1S.00"). Inside a
 * run that is otherwise numeric, map the usual confusions back to digits; words are left alone.
 */
const LOOKALIKES: Record<string, string> = {
  O: "0",
  o: "0",
  D: "0",
  Q: "0",
  l: "1",
  I: "1",
  i: "1",
  "|": "1",
  S: "5",
  s: "5",
  B: "8",
  Z: "2",
};

export function fixOcrDigits(text: string): string {
  // A run glued to other letters is part of a word ("FEB/2017" keeps its B).
  return text.replace(/(?<!\p{L})[0-9OoDQlIi|SsBZ.,:/-]+(?!\p{L})/gu, (run) => {
    const digits = (run.match(/[0-9]/g) ?? []).length;
    const letters = (run.match(/[OoDQlIi|SsBZ]/g) ?? []).length;
    // Only runs that are mostly digits already: "ISO" or "SOS" stay words.
    if (letters === 0 || digits < 2 || letters > digits / 2) return run;
    return run.replace(/[OoDQlIi|SsBZ]/g, (c) => LOOKALIKES[c] ?? c);
  });
}
