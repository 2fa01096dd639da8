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
  /** Other references an invoice prints beside its number: values that are not the number. */
  otherReferences: readonly string[];
  /** A heading that carries number and date: `{title} {numberWord} 123 {dateWord} 05.03.2018`. */
  numberWord: readonly string[];
  dateWord: readonly string[];
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
  /** Dates an invoice prints that are neither its date nor its due date. */
  serviceDate: readonly string[];
  /** Payment terms naming the due date, `{due}`; the discount clause names another date. */
  terms: readonly string[];
  discount: readonly string[];
  bank: readonly string[];
  currency: readonly string[];
  phone: readonly string[];
}

export const WORDING: Record<SyntheticLanguage, InvoiceWording> = {
  en: {
    title: ["INVOICE", "Invoice", "Tax Invoice", "TAX INVOICE", "Commercial Invoice"],
    invoiceNumber: ["Invoice No.", "Invoice #", "Invoice Number", "Invoice no:", "Number", "Ref."],
    date: ["Date", "Invoice Date", "Date of issue", "Issued", "Invoice date:"],
    dueDate: ["Due Date", "Payment due", "Due", "Pay by"],
    customerNumber: ["Customer No.", "Account", "Customer ID"],
    otherReferences: ["Order No.", "PO Number", "Delivery note", "Your reference", "Contract No."],
    numberWord: ["No.", "Number", "no."],
    dateWord: ["dated", "of", "from"],
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
    serviceDate: ["Delivery date", "Service date", "Date of supply", "Shipped"],
    terms: ["Payment due by {due}.", "Please pay by {due}.", "Payable net by {due}"],
    discount: [" 2% discount if paid by {other}.", " 3% early payment discount until {other}."],
    closing: [
      "Thank you for your business.",
      "Payment within 14 days.",
      "Please quote the invoice number with your payment.",
      "Terms: net 30 days.",
    ],
    bank: ["Bank", "IBAN", "Bank details"],
    phone: ["Tel.", "Phone", "T"],
    currency: ["Currency", "All amounts in"],
  },
  de: {
    title: ["Rechnung", "RECHNUNG", "Gutschrift", "Teilrechnung"],
    invoiceNumber: ["Rechnungsnummer", "Rechnungs-Nr.", "Rechnung Nr.", "Beleg-Nr.", "Nummer"],
    date: ["Rechnungsdatum", "Datum", "Belegdatum", "Rechnungsdatum:"],
    dueDate: ["Fällig am", "Zahlbar bis", "Fälligkeit", "Zahlungsziel"],
    customerNumber: ["Kundennummer", "Kunden-Nr.", "Ihre Kd.-Nr."],
    otherReferences: [
      "Bestellnummer",
      "Auftragsnummer",
      "Lieferschein-Nr.",
      "Ihre Referenz",
      "Vertragsnummer",
    ],
    numberWord: ["Nr.", "Nummer"],
    dateWord: ["vom"],
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
    serviceDate: [
      "Leistungsdatum",
      "Lieferdatum",
      "Liefer- und Leistungsdatum",
      "Leistungszeitraum bis",
    ],
    terms: [
      "Zahlbar bis {due} ohne Abzug.",
      "Zahlbar innerhalb 30 Tagen netto bis {due}",
      "Bitte überweisen Sie den Betrag bis zum {due}.",
    ],
    discount: [
      ", 3% Skonto innerhalb 10 Tagen bis {other}",
      " Bei Zahlung bis {other} 2 % Skonto.",
    ],
    closing: [
      "Vielen Dank für Ihren Auftrag.",
      "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
      "Bitte geben Sie die Rechnungsnummer bei der Zahlung an.",
      "Es gelten unsere AGB.",
    ],
    bank: ["Bankverbindung", "IBAN", "Bank"],
    phone: ["Tel.", "Telefon", "Fon"],
    currency: ["Währung", "Beträge in"],
  },
  fr: {
    title: ["FACTURE", "Facture", "Avoir", "Facture d'acompte"],
    invoiceNumber: ["N° de facture", "Facture n°", "Numéro", "Référence", "N°"],
    date: ["Date", "Date de facture", "Date d'émission", "Émise le"],
    dueDate: ["Échéance", "Date d'échéance", "À payer avant le", "Payable le"],
    customerNumber: ["N° client", "Code client", "Réf. client"],
    otherReferences: ["N° de commande", "Bon de livraison", "Votre référence", "N° de contrat"],
    numberWord: ["n°", "N°", "numéro"],
    dateWord: ["du", "en date du"],
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
    serviceDate: ["Date de livraison", "Date de prestation", "Livré le"],
    terms: [
      "Paiement au plus tard le {due}.",
      "À régler avant le {due}.",
      "Date limite de paiement : {due}",
    ],
    discount: [", escompte de 2 % jusqu'au {other}", " Escompte 1 % si paiement avant le {other}."],
    closing: [
      "Merci de votre confiance.",
      "Paiement à 30 jours.",
      "Pénalités de retard : trois fois le taux d'intérêt légal.",
      "Pas d'escompte pour paiement anticipé.",
    ],
    bank: ["Banque", "IBAN", "Coordonnées bancaires"],
    phone: ["Tél.", "Téléphone", "Tel"],
    currency: ["Devise", "Montants en"],
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
