import { type Layout, textKey, type VendorIdentity } from "@pagewise/core";

/** Reviewed fields that name the sender (invoice `vendor`, receipt `company`). */
export const NAME_FIELDS = ["vendor", "company", "supplier", "seller"];
const VAT_FIELDS = ["vendor_vat_id", "supplier_vat_id", "seller_vat_id"];
/** Shorter names match too much by accident (`AB` inside any word). */
const MIN_NAME_KEY = 4;

/** What a page says, in the forms the identifiers are compared in. */
export interface DocumentKeys {
  /** Per line `textKey` (upper case, letters and digits only), joined by `|`. */
  text: string;
  ibans: string[];
  taxNumbers: string[];
}

/** The document's text keys and the IBANs and tax numbers printed on it. */
export function documentKeys(layout: Layout): DocumentKeys {
  const lines: string[] = [];
  const ibans = new Set<string>();
  const taxNumbers = new Set<string>();
  for (const page of layout.pages) {
    const byLine = new Map<number, string[]>();
    for (const t of [...page.tokens].sort((a, b) => a.line - b.line || a.box[0] - b.box[0])) {
      const words = byLine.get(t.line) ?? [];
      words.push(t.text);
      byLine.set(t.line, words);
    }
    for (const words of byLine.values()) {
      const raw = words.join(" ");
      lines.push(textKey(raw));
      for (const iban of findIbans(raw)) ibans.add(iban);
      for (const m of raw.matchAll(/(?<![\d/])\d{2,3}\/\d{3,4}\/\d{4,5}(?![\d/])/g)) {
        taxNumbers.add(m[0]);
      }
    }
  }
  return { text: lines.join("|"), ibans: [...ibans], taxNumbers: [...taxNumbers] };
}

/**
 * The vendor a review names: its reviewed name and VAT id, and the IBANs and tax numbers printed
 * on the page (on an invoice these are the payee's). Null when the review names no vendor and the
 * page carries no identifier: nothing to recognize the next document by.
 */
export function identifyVendor(
  layout: Layout,
  fields: readonly { name: string; value: string }[],
  keys: DocumentKeys = documentKeys(layout),
  /** The vendor name as printed (the reviewed value's tokens), when found on the page. */
  printedName?: string,
): VendorIdentity | null {
  const nameValue = printedName ?? fields.find((f) => NAME_FIELDS.includes(f.name))?.value;
  const name = nameValue ? textKey(nameValue) : "";
  const vatIds = fields
    .filter((f) => VAT_FIELDS.includes(f.name))
    .map((f) => compact(f.value))
    .filter((v) => v.length >= 8);
  const identity: VendorIdentity = {
    name: name.length >= MIN_NAME_KEY ? name : null,
    vatIds: [...new Set(vatIds)],
    ibans: keys.ibans,
    taxNumbers: keys.taxNumbers,
  };
  if (!identity.name && identity.vatIds.length === 0 && identity.ibans.length === 0) return null;
  return identity;
}

/** One stable key per vendor: its name when reviewed, else its first VAT id or IBAN. */
export function vendorKey(identity: VendorIdentity): string {
  if (identity.name) return `name:${identity.name}`;
  if (identity.vatIds[0]) return `vat:${identity.vatIds[0]}`;
  return `iban:${identity.ibans[0] ?? ""}`;
}

/**
 * How strongly a document shows to come from a vendor: its name printed (2), one of its IBANs
 * (2), its VAT id (1), its tax number (1). A VAT id or a tax number alone (1) is not enough:
 * group companies and sample documents share them, and an invoice also prints the customer's.
 */
export function vendorMatchScore(keys: DocumentKeys, identity: VendorIdentity): number {
  let score = 0;
  // A name may wrap onto the next line: compared over the line breaks too.
  if (identity.name && keys.text.replaceAll("|", "").includes(identity.name)) score += 2;
  if (identity.ibans.some((i) => keys.ibans.includes(i))) score += 2;
  if (identity.vatIds.some((v) => keys.text.replaceAll("|", "").includes(v))) score += 1;
  if (identity.taxNumbers.some((t) => keys.taxNumbers.includes(t))) score += 1;
  return score;
}

/** The least `vendorMatchScore` that recognizes a vendor. */
export const VENDOR_MATCH_THRESHOLD = 2;

function compact(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** IBANs in a line of text: country, check digits, 11–30 characters, mod-97 valid. */
function findIbans(raw: string): string[] {
  const text = compact(raw);
  const found: string[] = [];
  for (const m of text.matchAll(/[A-Z]{2}\d{2}/g)) {
    const rest = text.slice(m.index);
    for (let len = Math.min(34, rest.length); len >= 15; len--) {
      const candidate = rest.slice(0, len);
      if (ibanChecksumValid(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

function ibanChecksumValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}
