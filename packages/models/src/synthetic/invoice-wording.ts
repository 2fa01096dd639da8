import type { Prng } from "../util/prng";
import { pick, type SyntheticLanguage } from "./invented-names";

/**
 * How invoices in English, German and French name their parts, and how they print dates and
 * amounts. Each entry lists the variants seen on real invoices; a generated invoice picks one of
 * each, so the labels a model learns from are the language's, not one template's.
 */
export interface InvoiceWording {
  title: readonly string[];
  invoiceNumber: readonly string[];
  date: readonly string[];
  dueDate: readonly string[];
  customerNumber: readonly string[];
  billTo: readonly string[];
  from: readonly string[];
  /** Before a contact person's name in an address block ("Attn:", "z. Hd."). */
  attention: readonly string[];
  vatId: readonly string[];
  subtotal: readonly string[];
  /** `{rate}` stands for the invoice's tax rate. */
  tax: readonly string[];
  total: readonly string[];
  amountDue: readonly string[];
  columns: {
    description: readonly string[];
    quantity: readonly string[];
    unitPrice: readonly string[];
    amount: readonly string[];
  };
  items: readonly string[];
  closing: readonly string[];
  bank: readonly string[];
  phone: readonly string[];
}

export const WORDING: Record<SyntheticLanguage, InvoiceWording> = {
  en: {
    title: ["INVOICE", "Invoice", "Tax Invoice", "TAX INVOICE", "Commercial Invoice"],
    invoiceNumber: ["Invoice No.", "Invoice #", "Invoice Number", "Invoice no:", "Number", "Ref."],
    date: ["Date", "Invoice Date", "Date of issue", "Issued", "Invoice date:"],
    dueDate: ["Due Date", "Payment due", "Due", "Pay by"],
    customerNumber: ["Customer No.", "Account", "Customer ID"],
    billTo: ["Bill To", "Billed to", "Invoice to", "Customer", "To", "Sold to", "Buyer"],
    from: ["From", "Seller", "Supplier"],
    attention: ["Attn:", "Attention:", "c/o", "Contact:"],
    vatId: ["VAT No.", "VAT Reg No", "VAT ID", "VAT number:", "Tax ID"],
    subtotal: ["Subtotal", "Net amount", "Total excl. VAT", "Sub-total"],
    tax: ["VAT {rate}%", "Tax", "VAT", "Sales tax", "VAT @ {rate}%"],
    total: ["Total", "TOTAL", "Total incl. VAT", "Invoice total", "Grand Total"],
    amountDue: ["Amount due", "Balance due", "Amount payable", "To pay"],
    columns: {
      description: ["Description", "Item", "Product", "Service"],
      quantity: ["Qty", "Quantity", "Units", "Hrs"],
      unitPrice: ["Unit Price", "Rate", "Price", "Unit cost"],
      amount: ["Amount", "Total", "Line total"],
    },
    items: [
      "Consulting services",
      "Printer paper A4",
      "Software licence",
      "Maintenance",
      "Delivery",
      "Toner cartridge",
      "Training day",
      "Support hours",
      "Office chairs",
      "Cable set",
    ],
    closing: [
      "Thank you for your business.",
      "Payment within 14 days.",
      "Please quote the invoice number with your payment.",
      "Terms: net 30 days.",
    ],
    bank: ["Bank", "IBAN", "Sort code"],
    phone: ["Tel.", "Phone", "T"],
  },
  de: {
    title: ["Rechnung", "RECHNUNG", "Gutschrift", "Teilrechnung"],
    invoiceNumber: ["Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Beleg-Nr.", "Nummer"],
    date: ["Rechnungsdatum", "Datum", "Belegdatum", "Rechnungsdatum:"],
    dueDate: ["Fällig am", "Zahlbar bis", "Fälligkeit", "Zahlungsziel"],
    customerNumber: ["Kundennummer", "Kunden-Nr.", "Ihre Kd.-Nr."],
    billTo: [
      "Rechnungsempfänger",
      "Kunde",
      "Rechnungsadresse",
      "An",
      "Käufer",
      "Käufer/Leistungsempfänger",
    ],
    from: ["Verkäufer", "Lieferant", "Absender", "Rechnungsersteller"],
    attention: ["z. Hd.", "z.H.", "Ansprechpartner:", "Hinweis"],
    vatId: ["USt-IdNr.", "USt-ID", "Umsatzsteuer-ID", "USt.-IdNr.:", "UID"],
    subtotal: ["Nettobetrag", "Summe netto", "Zwischensumme", "Gesamt netto"],
    tax: ["zzgl. {rate}% USt.", "MwSt. {rate} %", "Umsatzsteuer", "USt {rate}%"],
    total: ["Gesamtbetrag", "Rechnungsbetrag", "Summe brutto", "Gesamt", "Endbetrag"],
    amountDue: ["Zahlbetrag", "Zu zahlen", "Offener Betrag", "Fälliger Betrag"],
    columns: {
      description: ["Bezeichnung", "Beschreibung", "Artikel", "Leistung"],
      quantity: ["Menge", "Anzahl", "Stk.", "Std."],
      unitPrice: ["Einzelpreis", "Preis", "E-Preis", "Stückpreis"],
      amount: ["Betrag", "Gesamt", "Summe", "Gesamtpreis"],
    },
    items: [
      "Beratungsleistung",
      "Kopierpapier A4",
      "Softwarelizenz",
      "Wartung",
      "Versandkosten",
      "Tonerkartusche",
      "Schulung",
      "Montage",
      "Bürostuhl",
      "Kabelsatz",
    ],
    closing: [
      "Vielen Dank für Ihren Auftrag.",
      "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
      "Bitte geben Sie die Rechnungsnummer bei der Zahlung an.",
      "Es gelten unsere AGB.",
    ],
    bank: ["Bankverbindung", "IBAN", "BIC"],
    phone: ["Tel.", "Telefon", "Fon"],
  },
  fr: {
    title: ["FACTURE", "Facture", "Avoir", "Facture d'acompte"],
    invoiceNumber: ["N° de facture", "Facture n°", "Numéro", "Référence", "N°"],
    date: ["Date", "Date de facture", "Date d'émission", "Émise le"],
    dueDate: ["Échéance", "Date d'échéance", "À payer avant le", "Payable le"],
    customerNumber: ["N° client", "Code client", "Réf. client"],
    billTo: ["Facturé à", "Client", "Destinataire", "Adresse de facturation", "Acheteur"],
    from: ["Émetteur", "Vendeur", "Fournisseur"],
    attention: ["À l'attention de", "Att.", "Contact :"],
    vatId: ["N° TVA", "TVA intracom.", "N° TVA intracommunautaire", "Identifiant TVA"],
    subtotal: ["Total HT", "Montant HT", "Sous-total", "Total hors taxes"],
    tax: ["TVA {rate} %", "TVA", "Montant TVA", "TVA ({rate} %)"],
    total: ["Total TTC", "Montant TTC", "Total", "TOTAL TTC"],
    amountDue: ["Net à payer", "Reste à payer", "Montant dû", "Solde dû"],
    columns: {
      description: ["Désignation", "Description", "Article", "Prestation"],
      quantity: ["Qté", "Quantité", "Nb", "Heures"],
      unitPrice: ["Prix unitaire", "P.U. HT", "Prix", "Tarif"],
      amount: ["Montant", "Total HT", "Montant HT"],
    },
    items: [
      "Prestation de conseil",
      "Papier A4",
      "Licence logiciel",
      "Maintenance",
      "Frais de port",
      "Cartouche d'encre",
      "Formation",
      "Installation",
      "Chaise de bureau",
      "Câbles",
    ],
    closing: [
      "Merci de votre confiance.",
      "Paiement à 30 jours.",
      "Pénalités de retard : trois fois le taux d'intérêt légal.",
      "Pas d'escompte pour paiement anticipé.",
    ],
    bank: ["Banque", "IBAN", "BIC"],
    phone: ["Tél.", "Téléphone", "Tel"],
  },
};

const MONTHS = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  de: [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ],
  fr: [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
  ],
} as const;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date printer for one invoice (an invoice prints all its dates alike). Numeric day/month
 * orders follow the language (day first for de, fr and British English), so the platform's
 * locale inference reads them as a reader of that language would.
 */
export function datePrinter(prng: Prng, language: SyntheticLanguage): (iso: string) => string {
  const months = MONTHS[language];
  const styles: ((y: number, m: number, d: number) => string)[] =
    language === "de"
      ? [
          (y, m, d) => `${pad(d)}.${pad(m)}.${y}`,
          (y, m, d) => `${d}. ${months[m - 1]} ${y}`,
          (y, m, d) => `${pad(d)}.${pad(m)}.${String(y).slice(2)}`,
        ]
      : language === "fr"
        ? [
            (y, m, d) => `${pad(d)}/${pad(m)}/${y}`,
            (y, m, d) => `${d} ${months[m - 1]} ${y}`,
            (y, m, d) => `${pad(d)}.${pad(m)}.${y}`,
          ]
        : [
            (y, m, d) => `${d} ${months[m - 1]} ${y}`,
            (y, m, d) => `${months[m - 1]} ${d}, ${y}`,
            (y, m, d) => `${pad(d)} ${months[m - 1]!.slice(0, 3)} ${y}`,
            (y, m, d) => `${y}-${pad(m)}-${pad(d)}`,
            (y, m, d) => `${pad(d)}/${pad(m)}/${y}`,
          ];
  const style = pick(prng, styles);
  return (iso) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return style(y, m, d);
  };
}

/** A printed amount: its number, and the currency beside it (before or after), if printed. */
export interface PrintedAmount {
  number: string;
  currency?: { text: string; before: boolean; spaced: boolean };
}

/**
 * An amount printer for one invoice: the language's separators ("1.234,56", "1 234,56",
 * "1,234.56"), with the currency as a symbol or code before or after, or without it.
 */
export function amountPrinter(
  prng: Prng,
  language: SyntheticLanguage,
  currency: string,
): (value: number) => PrintedAmount {
  const [thousands, decimal] =
    language === "de"
      ? pick(prng, [
          [".", ","],
          ["", ","],
        ] as const)
      : language === "fr"
        ? pick(prng, [
            [" ", ","],
            ["", ","],
          ] as const)
        : pick(prng, [
            [",", "."],
            ["", "."],
          ] as const);
  const symbol = ({ EUR: "€", GBP: "£", USD: "$" } as Record<string, string>)[currency] ?? currency;
  const affix = pick(prng, ["none", "symbol", "code"] as const);
  const text = affix === "symbol" ? symbol : currency;
  // English puts a symbol before the number ("£1,234.56"); codes and other languages follow it.
  const before = language === "en" && affix === "symbol" && symbol !== currency;
  return (value) => {
    const [whole, cents] = value.toFixed(2).split(".") as [string, string];
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    const number = `${grouped}${decimal}${cents}`;
    return affix === "none" ? { number } : { number, currency: { text, before, spaced: !before } };
  };
}
