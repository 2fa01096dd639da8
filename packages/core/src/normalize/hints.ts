/** Locale evidence that decides ambiguous values; inferred per document (`inferLocaleHints`). */
export interface NormalizeHints {
  /** Order of day and month in numeric dates where both are ≤ 12 (`06/04/2018`). Default dmy. */
  dateOrder?: "dmy" | "mdy";
  /** The document writes amounts as `1.234,56` (German, French…); decides `1.234` vs `1,234`. */
  decimalComma?: boolean;
}
