import { findDates } from "./date";
import type { NormalizeHints } from "./hints";

/**
 * Locale evidence of one document, for the values that are ambiguous on their own:
 * - date order: numeric dates whose parts prove an order (`25/12/2018` → dmy, `12/28/2017` → mdy)
 *   vote; without proof, an ISO-like `2018-04-06` next to `06/04/2018` counts for dmy only if the
 *   document has both; otherwise a decimal comma or € suggests dmy, `$` suggests mdy; default dmy.
 * - decimal comma: more amounts written `1.234,56` / `12,50` than `1,234.56` / `12.50`.
 * Only the words' text is read, so any layout shape (the API's, the UI's) will do.
 */
export function inferLocaleHints(layout: {
  pages: readonly { tokens: readonly { text: string }[] }[];
}): NormalizeHints {
  let dmy = 0;
  let mdy = 0;
  let comma = 0;
  let point = 0;
  let dollar = 0;
  let euro = 0;
  for (const page of layout.pages) {
    for (const token of page.tokens) {
      const text = token.text;
      if (/\d[.,]\d/.test(text)) {
        if (/\d,\d{2}(?!\d)/.test(text) && !/\d\.\d{2}(?!\d)/.test(text)) comma++;
        else if (/\d\.\d{2}(?!\d)/.test(text)) point++;
        if (/\d[.,]\d/.test(text)) {
          for (const d of findDates(text)) {
            if (d.evidence === "dmy") dmy++;
            if (d.evidence === "mdy") mdy++;
          }
        }
      }
      if (text.includes("$")) dollar++;
      if (text.includes("€") || /^EUR$/i.test(text)) euro++;
    }
  }
  const decimalComma = comma > point;
  let dateOrder: "dmy" | "mdy";
  if (dmy !== mdy) dateOrder = dmy > mdy ? "dmy" : "mdy";
  else if (decimalComma || euro > 0) dateOrder = "dmy";
  else if (dollar > 0 && !decimalComma) dateOrder = "mdy";
  else dateOrder = "dmy";
  return { dateOrder, decimalComma };
}
