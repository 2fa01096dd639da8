import type { NormalizeHints } from "./hints";
import { fixOcrDigits } from "./ocr-digits";

/** Month names and abbreviations (en, de, fr, nl, es, it, ms), lower case, without accents. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ["january", "jan", "januar", "janner", "janvier", "januari", "enero", "gennaio", "gen"],
  ["february", "feb", "februar", "fevrier", "fev", "februari", "febrero", "febbraio"],
  ["march", "mar", "marz", "maerz", "mrz", "mars", "maart", "marzo", "mac", "mrt"],
  ["april", "apr", "avril", "avr", "abril", "aprile"],
  ["may", "mai", "mei", "mayo", "maggio", "mag"],
  ["june", "jun", "juni", "juin", "junio", "giugno", "giu"],
  ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julai"],
  ["august", "aug", "aout", "augustus", "agosto", "ago", "ogos", "ogo"],
  ["september", "sep", "sept", "septembre", "septiembre", "settembre", "set"],
  ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"],
  ["november", "nov", "novembre", "noviembre"],
  [
    "december",
    "dec",
    "dezember",
    "dez",
    "decembre",
    "diciembre",
    "dicembre",
    "dic",
    "disember",
    "dis",
  ],
];
MONTH_NAMES.forEach((names, i) => {
  for (const name of names) MONTHS[name] = i + 1;
});

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

function stripAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/** Month number for a (possibly abbreviated, accented, dotted) month name, else undefined. */
export function monthNumber(word: string): number | undefined {
  return MONTHS[stripAccents(word).toLowerCase().replace(/\.$/, "")];
}

function fullYear(y: number, digits: number): number {
  if (digits >= 4) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export interface DateMatch {
  iso: string;
  /** The numeric form needed no locale decision (a month name, a 4-digit first year, a part > 12). */
  unambiguous: boolean;
  /** For numeric dd/mm forms: which order the parts themselves prove, if any. */
  evidence?: "dmy" | "mdy";
  index: number;
  length: number;
}

const ORD = "(?:st|nd|rd|th|er|e|\\.)?";
const PATTERNS: {
  re: RegExp;
  parse: (m: RegExpExecArray, hints: NormalizeHints) => Omit<DateMatch, "index" | "length"> | null;
}[] = [
  {
    // 2018-06-05, 2018/6/5, 2018.06.05
    re: /(?<![\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])/g,
    parse: (m) => {
      const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      return iso ? { iso, unambiguous: true } : null;
    },
  },
  {
    // 25/12/2018, 05.06.2018, 12-28-17, 28/03/18
    re: /(?<![\d])(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{4}|\d{2})(?![\d])/g,
    parse: (m, hints) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const year = fullYear(Number(m[3]), m[3]!.length);
      let order: "dmy" | "mdy";
      let evidence: "dmy" | "mdy" | undefined;
      if (a > 12 && b <= 12) evidence = order = "dmy";
      else if (b > 12 && a <= 12) evidence = order = "mdy";
      else order = hints.dateOrder ?? "dmy";
      const iso = order === "dmy" ? isoDate(year, b, a) : isoDate(year, a, b);
      if (!iso) return null;
      return { iso, unambiguous: evidence !== undefined || a === b, evidence };
    },
  },
  {
    // 18th day of April, 2001 · 27 MAR 2018 · 27-Mar-18 · 5. Juni 2018 · 1er janvier 2020
    re: new RegExp(
      `(?<![\\d])(\\d{1,2})${ORD}\\s*(?:day\\s+of\\s+|of\\s+|de\\s+)?[-/.\\s]*(${MONTH_ALT})\\.?[,\\s\\-/.]*(?:of\\s+|de\\s+)?(\\d{4}|\\d{2})(?![\\d])`,
      "giu",
    ),
    parse: (m) => {
      const month = monthNumber(m[2]!);
      if (!month) return null;
      const iso = isoDate(fullYear(Number(m[3]), m[3]!.length), month, Number(m[1]));
      return iso ? { iso, unambiguous: true } : null;
    },
  },
  {
    // April 18, 2001 · Mar 27 2018 · June 1st, 2010
    re: new RegExp(
      `(?<![\\p{L}])(${MONTH_ALT})\\.?\\s*(\\d{1,2})${ORD}\\s*,?\\s*(\\d{4})(?![\\d])`,
      "giu",
    ),
    parse: (m) => {
      const month = monthNumber(m[1]!);
      if (!month) return null;
      const iso = isoDate(Number(m[3]), month, Number(m[2]));
      return iso ? { iso, unambiguous: true } : null;
    },
  },
];

/** Every date written in `text`, in order of position (overlaps resolved to the earliest, longest). */
export function findDates(text: string, hints: NormalizeHints = {}): DateMatch[] {
  const source = stripAccents(fixOcrDigits(text));
  const found: DateMatch[] = [];
  for (const { re, parse } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(source); m !== null; m = re.exec(source)) {
      const parsed = parse(m, hints);
      if (parsed) found.push({ ...parsed, index: m.index, length: m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  found.sort((x, y) => x.index - y.index || y.length - x.length);
  const out: DateMatch[] = [];
  let end = -1;
  for (const match of found) {
    if (match.index < end) continue;
    out.push(match);
    end = match.index + match.length;
  }
  return out;
}

/** The first date in `text` as ISO 8601 `YYYY-MM-DD`, or null. */
export function normalizeDate(text: string, hints: NormalizeHints = {}): string | null {
  return findDates(text, hints)[0]?.iso ?? null;
}
