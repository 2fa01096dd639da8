const UNITS: Record<string, string> = {
  year: "year",
  years: "year",
  yr: "year",
  yrs: "year",
  month: "month",
  months: "month",
  mo: "month",
  mos: "month",
  week: "week",
  weeks: "week",
  day: "day",
  days: "day",
};

const SMALL: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** "twenty-four" → 24, "eighteen" → 18, "36" → 36, "a" → 1; else undefined. */
export function numberWordValue(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  if (w in SMALL) return SMALL[w];
  const parts = w.split(/[-\s]+/);
  if (parts.length === 2 && parts[0]! in SMALL && parts[1]! in SMALL) {
    const tens = SMALL[parts[0]!]!;
    const ones = SMALL[parts[1]!]!;
    if (tens >= 20 && tens % 10 === 0 && ones < 10) return tens + ones;
  }
  return undefined;
}

const NUM_WORD = `(?:${Object.keys(SMALL)
  .sort((a, b) => b.length - a.length)
  .join("|")})(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?`;
const TERM = new RegExp(
  `(?<![\\p{L}\\d])(?:(${NUM_WORD})\\s*(?:\\(\\s*(\\d+(?:\\.\\d+)?)\\s*\\))?|\\(?(\\d+(?:\\.\\d+)?)\\)?)\\s*[-\\s]?\\s*(${Object.keys(UNITS).join("|")})(?![\\p{L}])`,
  "giu",
);

export interface TermMatch {
  value: string;
  index: number;
  length: number;
}

/** Every duration in `text` ("two (2) years" → "2 years", "one year" → "1 year"), in order. */
export function findTerms(text: string): TermMatch[] {
  const out: TermMatch[] = [];
  TERM.lastIndex = 0;
  for (let m = TERM.exec(text); m !== null; m = TERM.exec(text)) {
    const n =
      m[2] !== undefined
        ? Number(m[2])
        : m[3] !== undefined
          ? Number(m[3])
          : numberWordValue(m[1]!);
    const unit = UNITS[m[4]!.toLowerCase()];
    if (n === undefined || !unit || !(n > 0)) continue;
    out.push({ value: `${n} ${unit}${n === 1 ? "" : "s"}`, index: m.index, length: m[0].length });
  }
  return out;
}

/** A contract term as `"<number> <unit>"`: `"two (2) years"` → `"2 years"`; else null. */
export function normalizeTerm(text: string): string | null {
  return findTerms(text)[0]?.value ?? null;
}
