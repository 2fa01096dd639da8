/** Trimmed text with whitespace collapsed and stray edge punctuation (`": "`, trailing `,`) dropped. */
export function normalizeText(text: string): string | null {
  const out = text
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[:;,|]+\s*/, "")
    .replace(/\s*[:;,|]+$/, "")
    .trim();
  return out === "" ? null : out;
}

/** An identifier: trimmed, inner whitespace collapsed, edge punctuation (`:`, `.`, `,`) removed. */
export function normalizeId(text: string): string | null {
  const out = text
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[:;,.|]+\s*/, "")
    .replace(/\s*[:;,.|]+$/, "")
    .trim();
  return out === "" ? null : out;
}

// Legal forms written out or abbreviated name the same company ("Coupa Software Incorporated" is
// "Coupa Software Inc." in Kleister's ground truth).
const LEGAL_FORMS: [RegExp, string][] = [
  [/\bINCORPORATED\b/g, "INC"],
  [/\bLIMITED\b/g, "LTD"],
  [/\bCORPORATION\b/g, "CORP"],
  [/\bCOMPANY\b/g, "CO"],
];

/**
 * The key text values are compared by: accents stripped, upper case, `&` read as `AND`, legal
 * forms abbreviated, only letters and digits kept — so `"NIKE, Inc."` equals `"Nike Inc."` and
 * `".K(TAMAN"` equals `".K (TAMAN"`. Spacing and punctuation differences do not count; letters do.
 */
export function textKey(text: string): string {
  let out = text.normalize("NFKD").replace(/\p{M}/gu, "").toUpperCase().replace(/&/g, " AND ");
  for (const [re, short] of LEGAL_FORMS) out = out.replace(re, short);
  return out.replace(/[^\p{L}\p{N}]/gu, "");
}

const COUNTRY_CODES = new Set(
  "AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IT LI LT LU LV MT NL NO PL PT RO SE SI SK US CA MX BR AU NZ JP CN IN SG MY HK KR TR RU UA ZA AE IL".split(
    " ",
  ),
);

/** `"Ecke 12, 12345 Stadthausen, DE"` → `"Ecke 12, 12345 Stadthausen"`: pages rarely print the code. */
export function stripCountryCode(text: string): string {
  const m = /[,\s]+([A-Z]{2})\s*$/.exec(text);
  return m && COUNTRY_CODES.has(m[1]!) ? text.slice(0, m.index) : text;
}

/**
 * Addresses compare as the sorted bag of their words without a standalone country code: the
 * ZUGFeRD ground truth writes `"Lieferantenstraße 20, 80333 München, DE"` while the page prints
 * `"Lieferantenstraße 20 / DE 80333 München"` (or no country at all).
 */
export function addressKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/&/g, " AND ")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "" && !COUNTRY_CODES.has(w))
    .sort()
    .join(" ");
}
