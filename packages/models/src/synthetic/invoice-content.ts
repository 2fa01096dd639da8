import type { Prng } from "../util/prng";
import {
  companyName,
  invoiceNumber,
  type PostalAddress,
  personName,
  pick,
  postalAddress,
  type SyntheticLanguage,
  vatId,
} from "./invented-names";
import { WORDING } from "./invoice-wording";

export interface InvoiceParty {
  name: string;
  address: PostalAddress;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
}

/** What one synthetic invoice says, before it is laid out: the truth its labels come from. */
export interface InvoiceContent {
  language: SyntheticLanguage;
  currency: string;
  vendor: InvoiceParty & { vatId: string; phone: string; email: string; iban: string };
  customer: InvoiceParty & { customerNumber?: string };
  invoiceNumber: string;
  /** ISO dates. */
  date: string;
  dueDate?: string;
  /** Dates that are neither: delivery (before the invoice), cash discount (before the due date). */
  serviceDate: string;
  discountDate: string;
  lines: InvoiceLine[];
  taxRate: number;
  subtotal: number;
  tax: number;
  total: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function isoDay(year: number, dayOfYear: number): string {
  return new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
}

const CURRENCIES: Record<SyntheticLanguage, readonly string[]> = {
  en: ["GBP", "USD", "EUR"],
  de: ["EUR", "EUR", "CHF"],
  fr: ["EUR"],
};

const TAX_RATES: Record<SyntheticLanguage, readonly number[]> = {
  en: [20, 0, 5],
  de: [19, 7],
  fr: [20, 10, 5.5],
};

/** A consistent invoice: lines add up to the subtotal, tax and total follow from the rate. */
export function generateInvoiceContent(prng: Prng, language: SyntheticLanguage): InvoiceContent {
  const wording = WORDING[language];
  const year = 2016 + prng.nextInt(10);
  const day = prng.nextInt(330);
  const lines: InvoiceLine[] = Array.from({ length: 1 + prng.nextInt(6) }, () => {
    const quantity = pick(prng, [1, 1, 2, 3, 5, 10, 12, 20, 0.5, 7.5]);
    const unitPrice = round2(
      pick(prng, [4.9, 12, 19.99, 45, 89.5, 120, 250, 980, 1450]) * (0.5 + prng.next()),
    );
    return {
      description: pick(prng, wording.items),
      quantity,
      unitPrice,
      amount: round2(quantity * unitPrice),
    };
  });
  const subtotal = round2(lines.reduce((sum, l) => sum + l.amount, 0));
  const taxRate = pick(prng, TAX_RATES[language]);
  const tax = round2((subtotal * taxRate) / 100);
  const customerIsPerson = prng.next() < 0.3;
  const vendorName = companyName(prng, language);
  const domain =
    vendorName
      .toLowerCase()
      .replace(/[^a-z]+/g, "")
      .slice(0, 12) || "example";
  return {
    language,
    currency: pick(prng, CURRENCIES[language]),
    vendor: {
      name: vendorName,
      address: postalAddress(prng, language),
      vatId: vatId(prng, language),
      phone: `+${pick(prng, ["44", "49", "33"])} ${1 + prng.nextInt(899)} ${100000 + prng.nextInt(899999)}`,
      email: `${pick(prng, ["info", "billing", "rechnung", "contact", "accounts"])}@${domain}.example`,
      iban: `${pick(prng, ["DE", "FR", "GB"])}${10 + prng.nextInt(89)} ${Array.from({ length: 4 }, () => 1000 + prng.nextInt(8999)).join(" ")}`,
    },
    customer: {
      name: customerIsPerson ? personName(prng, language) : companyName(prng, language),
      address: postalAddress(prng, language),
      ...(prng.next() < 0.5 ? { customerNumber: String(10000 + prng.nextInt(89999)) } : {}),
    },
    invoiceNumber: invoiceNumber(prng, year),
    date: isoDay(year, day),
    ...(prng.next() < 0.6 ? { dueDate: isoDay(year, day + pick(prng, [14, 21, 30])) } : {}),
    serviceDate: isoDay(year, day - 1 - prng.nextInt(10)),
    discountDate: isoDay(year, day + pick(prng, [7, 10])),
    lines,
    taxRate,
    subtotal,
    tax,
    total: round2(subtotal + tax),
  };
}
