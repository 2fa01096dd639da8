/**
 * Words that name the columns of an invoice's line-item table, in English, German and French,
 * lower-cased and without trailing punctuation. The reader finds a table by its header line, so
 * these words, not any vendor's layout, are what it knows: a supplier it never saw is read the
 * same way as one it did.
 */
export const LINE_ITEM_COLUMNS = [
  "description",
  "quantity",
  "unit",
  "unitPrice",
  "amount",
  "taxRate",
] as const;
export type LineItemColumn = (typeof LINE_ITEM_COLUMNS)[number];

/** Header words per column; `position` (item number) helps find the header but is not read. */
export const HEADER_WORDS: Record<LineItemColumn | "position", readonly string[]> = {
  position: ["pos", "pos.", "position", "#", "nr", "nr.", "no", "no.", "n°", "lfd"],
  description: [
    "beschreibung",
    "artikelbeschreibung",
    "bezeichnung",
    "artikelbezeichnung",
    "leistung",
    "leistungsbeschreibung",
    "produkt",
    "artikel",
    "text",
    "description",
    "item",
    "items",
    "product",
    "service",
    "services",
    "article",
    "désignation",
    "designation",
    "libellé",
    "libelle",
    "prestation",
  ],
  quantity: ["menge", "anzahl", "anz", "anz.", "qty", "qty.", "quantity", "quantité", "qté", "qte"],
  unit: ["einheit", "me", "unit", "unité", "unite", "uom"],
  unitPrice: [
    "einzelpreis",
    "preis",
    "preis/",
    "nettopreis",
    "stückpreis",
    "ep",
    "price",
    "rate",
    "prix",
    "pu",
    "p.u.",
  ],
  amount: [
    "betrag",
    "nettobetrag",
    "gesamtpreis",
    "gesamt",
    "summe",
    "entgelt",
    "amount",
    "total",
    "montant",
    "net",
  ],
  taxRate: ["ust", "ust.", "mwst", "mwst.", "steuersatz", "steuer", "vat", "tax", "tva", "%"],
};

/** Words that end a table (its sums start) when they open a line below the header. */
export const TABLE_END_WORDS: readonly string[] = [
  "summe",
  "zwischensumme",
  "positionssumme",
  "gesamtsumme",
  "rechnungssumme",
  "nettobetrag",
  "gesamtbetrag",
  "belegsummen",
  "umsatzsteueraufschlüsselung",
  "subtotal",
  "sub-total",
  "total",
  "totals",
  "sous-total",
  "montant",
  "umsatzsteuer",
  "steuerbasisbetrag",
  "zahlungsbedingungen",
  "zahlungsinformationen",
  "bankverbindung",
  "payment",
  "vat",
  "tva",
  "mwst",
];

/** Words that open an adjustment line inside a table (a discount, a surcharge), not an item. */
export const ADJUSTMENT_WORDS: readonly string[] = [
  "abzgl",
  "abzgl.",
  "zzgl",
  "zzgl.",
  "rabatt",
  "nachlass",
  "skonto",
  "discount",
  "remise",
  "less",
  "abschlag",
  "zuschlag",
  "surcharge",
  "allowance",
];

/**
 * UN/ECE Recommendation 20 codes for the unit words invoices print, so a printed `Stk` and the
 * XML's `H87` compare equal. Several codes for one word where senders differ (`Stk`: H87 or C62).
 */
export const UNIT_CODES: Record<string, readonly string[]> = {
  stk: ["H87", "C62"],
  "stk.": ["H87", "C62"],
  stück: ["H87", "C62"],
  st: ["H87", "C62"],
  pcs: ["H87", "C62"],
  pc: ["H87", "C62"],
  piece: ["H87", "C62"],
  pièce: ["H87", "C62"],
  kg: ["KGM"],
  g: ["GRM"],
  "m²": ["MTK"],
  m2: ["MTK"],
  qm: ["MTK"],
  m: ["MTR"],
  l: ["LTR"],
  liter: ["LTR"],
  h: ["HUR"],
  std: ["HUR"],
  "std.": ["HUR"],
  stunde: ["HUR"],
  stunden: ["HUR"],
  hour: ["HUR"],
  hours: ["HUR"],
  tag: ["DAY"],
  tage: ["DAY"],
  day: ["DAY"],
  days: ["DAY"],
  km: ["KMT"],
  pauschal: ["LS"],
  psch: ["LS"],
  "psch.": ["LS"],
  lump: ["LS"],
};

/** Lower-case, without the punctuation that trails header words (`Preis:` → `preis`). */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[:;,]+$/, "")
    .trim();
}
