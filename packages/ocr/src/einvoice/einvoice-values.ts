import type { EInvoiceField } from "@pagewise/core";
import { normalizeAmount, normalizeText } from "@pagewise/core";

/** A CII `DateTimeString`: format 102 (`20180305`) or 610 (`201803`), else as written. */
export function ciiDate(value: string | null, format: string | null): string | null {
  if (value === null) return null;
  const digits = value.replace(/\s/g, "");
  if ((format === null || format === "102") && /^\d{8}$/.test(digits)) {
    return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  }
  if (format === "610" && /^\d{6}$/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  return /^\d{4}-\d{2}-\d{2}/.test(digits) ? digits.slice(0, 10) : value;
}

/** A postal address as one line: `street lines, postcode city, country code`. */
export function joinAddress(parts: {
  lines: (string | null)[];
  postcode: string | null;
  city: string | null;
  country: string | null;
}): string | null {
  const place = [parts.postcode, parts.city].filter(Boolean).join(" ");
  const all = [...parts.lines, place, parts.country].filter((p): p is string => Boolean(p));
  return all.length > 0 ? all.join(", ") : null;
}

type FieldKind = "amount" | "date" | "text";

/** Collects label-schema fields in a fixed order, skipping absent values. */
export class FieldList {
  readonly fields: EInvoiceField[] = [];

  add(name: string, value: string | null, kind: FieldKind = "text"): void {
    if (value === null || value.trim() === "") return;
    const trimmed = value.trim();
    const normalized =
      kind === "amount"
        ? (normalizeAmount(trimmed) ?? trimmed)
        : kind === "date"
          ? trimmed
          : (normalizeText(trimmed) ?? trimmed);
    this.fields.push({ name, value: trimmed, normalized });
  }
}
