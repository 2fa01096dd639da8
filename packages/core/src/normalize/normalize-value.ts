import type { FieldType } from "../label-schema";
import { normalizeAmount } from "./amount";
import { normalizeCurrency } from "./currency";
import { normalizeDate } from "./date";
import type { NormalizeHints } from "./hints";
import { normalizeTerm } from "./term";
import { addressKey, normalizeId, normalizeText, textKey } from "./text";

/**
 * The normalized form of a value of a field type: dates ISO 8601 (`2018-12-25`), amounts decimal
 * strings (`1234.56`), currencies ISO 4217 codes (`EUR`), terms `"2 years"`, ids and texts trimmed
 * with whitespace collapsed. Null when the text holds no value of that type.
 *
 * @example normalizeValue("date", "06/04/2018", { dateOrder: "dmy" }) // "2018-04-06"
 * @example normalizeValue("amount", "1.234,56 €", { decimalComma: true }) // "1234.56"
 */
export function normalizeValue(
  type: FieldType,
  value: string,
  hints: NormalizeHints = {},
): string | null {
  switch (type) {
    case "date":
      return normalizeDate(value, hints);
    case "amount":
      return normalizeAmount(value, hints);
    case "currency":
      return normalizeCurrency(value);
    case "term":
      return normalizeTerm(value);
    case "id":
      return normalizeId(value);
    case "text":
    case "list":
      return normalizeText(value);
  }
}

/** Fields whose values are postal addresses compare as bags of words (see `addressKey`). */
export function isAddressField(name: string): boolean {
  return /address|anschrift/.test(name);
}

/**
 * The key two values of a field are compared by in evaluation (and by the aligner): normalized
 * value for dates, amounts, currencies and terms; for texts and ids the case-, whitespace- and
 * punctuation-insensitive `textKey` (addresses: `addressKey`). Values that do not parse as their
 * type fall back to the text key, so a wrong value never equals a right one by accident.
 */
export function comparisonKey(
  field: { name: string; type: FieldType },
  value: string,
  hints: NormalizeHints = {},
): string {
  if (
    field.type === "date" ||
    field.type === "amount" ||
    field.type === "currency" ||
    field.type === "term"
  ) {
    const normalized = normalizeValue(field.type, value, hints);
    if (normalized !== null) return normalized;
    return `raw:${textKey(value)}`;
  }
  return isAddressField(field.name) ? addressKey(value) : textKey(value);
}
