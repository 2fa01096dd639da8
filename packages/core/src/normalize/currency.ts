/** ISO 4217 codes that invoices and receipts commonly carry. */
const CODES = new Set(
  "EUR USD GBP CHF JPY CNY INR MYR SGD AUD CAD NZD PLN CZK HUF SEK NOK DKK RON BGN HRK TRY RUB UAH BRL MXN ZAR HKD KRW THB IDR PHP VND AED SAR ILS".split(
    " ",
  ),
);

// Longest first so "US$" wins over "$"; words are matched as whole words only.
const SYMBOLS: [RegExp, string][] = [
  [/US\$/i, "USD"],
  [/S\$/, "SGD"],
  [/A\$/, "AUD"],
  [/C\$/, "CAD"],
  [/€/, "EUR"],
  [/£/, "GBP"],
  [/₹/, "INR"],
  [/¥|￥/, "JPY"],
  [/\$/, "USD"],
  [/(?<![\p{L}])(?:euros?)(?![\p{L}])/iu, "EUR"],
  [/(?<![\p{L}])(?:dollars?)(?![\p{L}])/iu, "USD"],
  [/(?<![\p{L}])(?:rs\.?|rupees?)(?![\p{L}])/iu, "INR"],
  [/(?<![\p{L}])RM(?![\p{L}])/u, "MYR"],
  [/(?<![\p{L}])(?:zł|zl)(?![\p{L}])/iu, "PLN"],
];

/** A currency as an ISO 4217 code: `"€"` → `"EUR"`, `"RM"` → `"MYR"`, `"eur"` → `"EUR"`; else null. */
export function normalizeCurrency(text: string): string | null {
  for (const word of text.toUpperCase().match(/[A-Z]{3}/g) ?? []) {
    if (CODES.has(word) && new RegExp(`(?<![A-Z])${word}(?![A-Z])`).test(text.toUpperCase())) {
      return word;
    }
  }
  for (const [re, code] of SYMBOLS) if (re.test(text)) return code;
  return null;
}
