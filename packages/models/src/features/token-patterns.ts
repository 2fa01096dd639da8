import { findDates, monthNumber, normalizeCurrency, numberWordValue } from "@pagewise/core";

/** Names of the per-token pattern flags, in feature order (documented in the artifact metadata). */
export const PATTERN_FLAGS = [
  "has_digit",
  "all_digits",
  "has_alpha",
  "all_upper",
  "title_case",
  "punct_only",
  "date",
  "amount",
  "amount_2dp",
  "percentage",
  "id_like",
  "iban",
  "vat_id",
  "postcode",
  "currency",
  "month_name",
  "number_word",
  "unit_word",
  "org_suffix",
  "ends_colon",
  "opens_bracket",
  "ends_comma",
  "phone_like",
  "email_url",
  "year",
  "len_1_2",
  "len_3_5",
  "len_6_10",
  "len_11_plus",
] as const;

/** Legal forms that end a company name ("GmbH", "Ltd.", "Sdn", "B.V."). */
export const ORG_SUFFIX =
  /^(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|lp|l\.p|llp|plc|gmbh|ag|sa|s\.a|bv|b\.v|nv|n\.v|bhd|sdn|kg|se|sarl|s\.r\.l|srl|oy|ab|as|pty)\.?,?$/i;
const UNIT_WORD = /^\(?(?:years?|months?|weeks?|days?)\)?[.,;:]?$/i;
const AMOUNT =
  /^[^\d]{0,4}-?\d{1,3}(?:[.,'\u00a0]\d{3})*(?:[.,]\d{1,2})?[^\d]{0,3}$|^[^\d]{0,4}-?\d+[.,]\d{2}[^\d]{0,3}$/;
const AMOUNT_2DP = /\d[.,]\d{2}(?!\d)/;

/** Pattern flags of one token's text, as 0/1 in `PATTERN_FLAGS` order. */
export function patternFlags(text: string): number[] {
  const hasDigit = /\d/.test(text);
  const hasAlpha = /\p{L}/u.test(text);
  const letters = text.replace(/[^\p{L}]/gu, "");
  const core = text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  const len = text.length;
  return [
    hasDigit,
    /^\d+$/.test(text),
    hasAlpha,
    letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
    /^\p{Lu}\p{Ll}/u.test(core),
    !hasDigit && !hasAlpha,
    hasDigit && findDates(text).length > 0,
    hasDigit && AMOUNT.test(text),
    AMOUNT_2DP.test(text),
    text.includes("%"),
    hasDigit && (hasAlpha || /^\d{5,}$/.test(core) || /\d[-/]\d/.test(core)) && core.length >= 4,
    /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(core) || /^iban$/i.test(core),
    /^[A-Z]{2}[0-9A-Z]?\d{7,12}[A-Z0-9]{0,3}$/.test(core),
    /^\d{4,5}$/.test(core) || /^[A-Z]{1,2}\d[A-Z\d]?$/.test(core),
    normalizeCurrency(text) !== null && core.length <= 4,
    monthNumber(core) !== undefined && !hasDigit,
    numberWordValue(core.toLowerCase()) !== undefined && !hasDigit,
    UNIT_WORD.test(text),
    ORG_SUFFIX.test(text),
    text.endsWith(":"),
    /^[("“'[]/.test(text),
    text.endsWith(","),
    /^\+?\(?\d{2,4}\)?[-\s./]?\d{3,4}[-\s./]?\d{3,4}$/.test(text),
    /@|^https?:|^www\./i.test(text),
    /^(?:19|20)\d{2}[.,]?$/.test(text),
    len <= 2,
    len >= 3 && len <= 5,
    len >= 6 && len <= 10,
    len > 10,
  ].map((b) => (b ? 1 : 0));
}

/** Word shape with runs capped at two: `"25/12/2018"` → `"dd/dd/dd"`, `"Total:"` → `"Xxx:"`. */
export function wordShape(text: string): string {
  let out = "";
  let prev = "";
  let run = 0;
  for (const ch of text.slice(0, 24)) {
    const s = /\p{Lu}/u.test(ch) ? "X" : /\p{Ll}/u.test(ch) ? "x" : /\d/.test(ch) ? "d" : ch;
    run = s === prev ? run + 1 : 1;
    prev = s;
    if (run <= 2) out += s;
  }
  return out;
}
