import type { NormalizeHints } from "./hints";
import { fixOcrDigits } from "./ocr-digits";

// A number with optional thousands groups (".", ",", "'", thin or plain space) and decimals.
const NUMBER =
  /[-−(]?\s?\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,4})?(?!\d)|[-−(]?\s?\d+(?:[.,]\d{1,4})?-?/g;

export interface AmountMatch {
  value: string;
  /** Written with decimals (`9.00`, `1.234,56`): totals and prices are, counts mostly are not. */
  hasDecimals: boolean;
  index: number;
  length: number;
}

function toDecimal(
  raw: string,
  hints: NormalizeHints,
): { value: string; hasDecimals: boolean } | null {
  let text = raw.replace(/\s/g, "").replace(/[−]/g, "-");
  let negative = false;
  if (text.startsWith("(") || text.startsWith("-")) {
    negative = true;
    text = text.replace(/^[(-]+/, "");
  }
  if (text.endsWith("-")) {
    negative = true;
    text = text.slice(0, -1);
  }
  text = text.replace(/['’\u00a0\u202f]/g, "");
  const dots = (text.match(/\./g) ?? []).length;
  const commas = (text.match(/,/g) ?? []).length;
  let intPart = text;
  let frac = "";
  const split = (sep: string) => {
    const at = text.lastIndexOf(sep);
    intPart = text.slice(0, at).replace(/[.,]/g, "");
    frac = text.slice(at + 1);
  };
  if (dots > 0 && commas > 0) {
    split(text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",");
  } else if (dots + commas === 1) {
    const sep = dots === 1 ? "." : ",";
    const digitsAfter = text.length - text.indexOf(sep) - 1;
    // "1.234" is a thousand in German and one point two three four in English.
    const thousands =
      digitsAfter === 3 && (sep === "," ? !hints.decimalComma : !!hints.decimalComma);
    if (thousands) intPart = text.replace(sep, "");
    else split(sep);
  } else if (dots + commas > 1) {
    intPart = text.replace(/[.,]/g, "");
  }
  if (!/^\d+$/.test(intPart) || (frac !== "" && !/^\d+$/.test(frac))) return null;
  intPart = intPart.replace(/^0+(?=\d)/, "");
  const hasDecimals = frac.length > 0;
  let decimals = frac.replace(/0+$/, "");
  if (decimals.length < 2) decimals = decimals.padEnd(2, "0");
  const value = `${negative && /[1-9]/.test(intPart + decimals) ? "-" : ""}${intPart}.${decimals}`;
  return { value, hasDecimals };
}

/** Every amount in `text` with its normalized decimal string (`1234.56`), in order. */
export function findAmounts(text: string, hints: NormalizeHints = {}): AmountMatch[] {
  const source = fixOcrDigits(text);
  const out: AmountMatch[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(source); m !== null; m = NUMBER.exec(source)) {
    const parsed = toDecimal(m[0], hints);
    if (parsed) out.push({ ...parsed, index: m.index, length: m[0].length });
  }
  return out;
}

/**
 * An amount as a decimal string with at least two decimals: `"RM 1,234.50"` → `"1234.50"`,
 * `"1.234,56 €"` → `"1234.56"`, `"-50,00"` → `"-50.00"`. When the text holds several numbers the
 * first one written with decimals wins (`"TOTAL (RM): 9.00"`). Null when there is no number.
 */
export function normalizeAmount(text: string, hints: NormalizeHints = {}): string | null {
  const found = findAmounts(text, hints);
  return (found.find((a) => a.hasDecimals) ?? found[0])?.value ?? null;
}
