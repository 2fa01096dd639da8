import { z } from "zod";

/** The XML syntax an e-invoice was written in. */
export const EInvoiceSyntaxSchema = z.enum([
  /** UN/CEFACT Cross Industry Invoice: ZUGFeRD 2.x, Factur-X, XRechnung-CII. */
  "cii",
  /** ZUGFeRD 1.0 (`CrossIndustryDocument`, the CII predecessor). */
  "zugferd1",
  /** OASIS UBL 2.1 `Invoice` or `CreditNote` (XRechnung-UBL, Peppol BIS). */
  "ubl",
]);
export type EInvoiceSyntax = z.infer<typeof EInvoiceSyntaxSchema>;

/** One invoice line as the XML states it; amounts are decimal strings as written (`198.00`). */
export const EInvoiceLineItemSchema = z.object({
  description: z.string().nullable(),
  quantity: z.string().nullable(),
  /** UN/ECE Recommendation 20 unit code, e.g. `H87` (piece), `C62` (one), `HUR` (hour). */
  unit: z.string().nullable(),
  unitPrice: z.string().nullable(),
  amount: z.string().nullable(),
  /** VAT rate in percent, e.g. `19.00`. */
  taxRate: z.string().nullable(),
});
export type EInvoiceLineItem = z.infer<typeof EInvoiceLineItemSchema>;

/** A value of the invoice label schema, read from the XML. */
export const EInvoiceFieldSchema = z.object({
  name: z.string(),
  /** As it stands in the XML (an address is its lines joined: `street, postcode city, country`). */
  value: z.string(),
  /** ISO date for dates, decimal string for amounts, else the trimmed value. */
  normalized: z.string(),
});
export type EInvoiceField = z.infer<typeof EInvoiceFieldSchema>;

/** What an e-invoice's XML says: header fields (invoice label schema names) and its lines. */
export const EInvoiceSchema = z.object({
  syntax: EInvoiceSyntaxSchema,
  /** The embedded file's name inside a PDF (`factur-x.xml`…); null for an XML upload. */
  attachment: z.string().nullable(),
  /** `invoice` or `credit_note` (type code 381 / UBL `CreditNote`). */
  documentType: z.enum(["invoice", "credit_note"]),
  fields: z.array(EInvoiceFieldSchema),
  lineItems: z.array(EInvoiceLineItemSchema),
});
export type EInvoice = z.infer<typeof EInvoiceSchema>;
