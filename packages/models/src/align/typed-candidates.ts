import type { FieldType, NormalizeHints } from "@pagewise/core";
import { monthNumber, normalizeValue, numberWordValue } from "@pagewise/core";
import type { DocumentView } from "../layout/document-view";

export interface TypedCandidate {
  start: number;
  end: number;
  text: string;
  normalized: string;
}

const MAX_TOKENS: Partial<Record<FieldType, number>> = { date: 7, amount: 3, currency: 1, term: 6 };
const MAX_CHARS = 48;

const CURRENCY_HINT = /[€$£¥₹]|\b(?:[A-Z]{3}|RM|Rs\.?|zł|euros?|dollars?)\b/i;
const UNIT = /^(?:years?|months?|weeks?|days?|yrs?|mos?)\W*$/i;

/** Could a value of this type start / end at this token? Cheap filters before normalizing. */
function canStart(type: FieldType, text: string): boolean {
  const word = text.replace(/^\W+/, "");
  switch (type) {
    case "date":
      return /\d/.test(text) || monthNumber(word.replace(/\W+$/, "")) !== undefined;
    case "amount":
      return /\d/.test(text) || CURRENCY_HINT.test(text) || /^[-−(]$/.test(text);
    case "currency":
      return CURRENCY_HINT.test(text);
    case "term":
      return (
        /\d/.test(text) || numberWordValue(word.replace(/\W+$/, "").toLowerCase()) !== undefined
      );
    default:
      return false;
  }
}

function canEnd(type: FieldType, text: string): boolean {
  switch (type) {
    case "date":
      return /\d/.test(text);
    case "amount":
      return /\d/.test(text) || CURRENCY_HINT.test(text);
    case "currency":
      return true;
    case "term":
      return UNIT.test(text) || /\d\W*(?:years?|months?|weeks?|days?)\W*$/i.test(text);
    default:
      return false;
  }
}

/**
 * The minimal token windows (within a page, across lines) that read as a value of `type`:
 * `["18th", "day", "of", "April,", "2001"]` is a date, but `["Dated:", "April", "18,", "2001"]`
 * is not minimal. Used by the aligner and by the extractor's span assembly.
 */
export function typedCandidates(
  view: DocumentView,
  type: FieldType,
  hints: NormalizeHints,
): TypedCandidate[] {
  // Memoized per view: training aligns several values of a type, prediction scores every field.
  const key = `${type}|${hints.dateOrder ?? ""}|${hints.decimalComma ?? ""}`;
  let byKey = cache.get(view);
  if (!byKey) {
    byKey = new Map();
    cache.set(view, byKey);
  }
  let found = byKey.get(key);
  if (!found) {
    found = findCandidates(view, type, hints);
    byKey.set(key, found);
  }
  return found;
}

const cache = new WeakMap<DocumentView, Map<string, TypedCandidate[]>>();

function findCandidates(
  view: DocumentView,
  type: FieldType,
  hints: NormalizeHints,
): TypedCandidate[] {
  const maxTokens = MAX_TOKENS[type] ?? 0;
  const tokens = view.tokens;
  const out: TypedCandidate[] = [];
  const norm = (start: number, end: number) =>
    normalizeValue(
      type,
      tokens
        .slice(start, end)
        .map((t) => t.token.text)
        .join(" "),
      hints,
    );
  for (let start = 0; start < tokens.length; start++) {
    if (!canStart(type, tokens[start]!.token.text)) continue;
    let chars = 0;
    for (let end = start + 1; end <= Math.min(tokens.length, start + maxTokens); end++) {
      const last = tokens[end - 1]!;
      if (last.page !== tokens[start]!.page) break;
      chars += last.token.text.length + 1;
      if (chars > MAX_CHARS) break;
      if (!canEnd(type, last.token.text)) continue;
      const normalized = norm(start, end);
      if (normalized === null) continue;
      // Minimal: dropping the first or the last token must lose the value.
      if (
        end - start > 1 &&
        (norm(start + 1, end) === normalized || norm(start, end - 1) === normalized)
      ) {
        continue;
      }
      const text = tokens
        .slice(start, end)
        .map((t) => t.token.text)
        .join(" ");
      out.push({ start, end, text, normalized });
    }
  }
  return out;
}
