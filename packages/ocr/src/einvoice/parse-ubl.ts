import type { EInvoice, EInvoiceLineItem } from "@pagewise/core";
import { FieldList, joinAddress } from "./einvoice-values";
import { attribute, child, children, text, textAt, type XmlNode } from "./xml-tree";

/** The invoice label-schema fields and the lines of a UBL 2.1 `Invoice` or `CreditNote`. */
export function parseUbl(
  root: XmlNode,
  rootName: "Invoice" | "CreditNote",
): Omit<EInvoice, "attachment"> {
  const credit = rootName === "CreditNote";
  const seller = child(root, "AccountingSupplierParty", "Party");
  const buyer = child(root, "AccountingCustomerParty", "Party");
  const totals = child(root, "LegalMonetaryTotal");
  const currency = textAt(root, "DocumentCurrencyCode");
  const typeCode = textAt(root, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode");

  const fields = new FieldList();
  fields.add("invoice_number", textAt(root, "ID"));
  fields.add("date", textAt(root, "IssueDate"), "date");
  fields.add(
    "due_date",
    textAt(root, "DueDate") ?? textAt(root, "PaymentMeans", "PaymentDueDate"),
    "date",
  );
  fields.add("vendor", partyName(seller));
  fields.add("vendor_address", partyAddress(seller));
  fields.add("vendor_vat_id", vatId(seller));
  fields.add("customer", partyName(buyer));
  fields.add("customer_address", partyAddress(buyer));
  fields.add("currency", currency);
  fields.add("total_untaxed", textAt(totals, "TaxExclusiveAmount"), "amount");
  fields.add("tax", taxTotal(root, currency), "amount");
  fields.add("total", textAt(totals, "TaxInclusiveAmount"), "amount");
  fields.add("amount_due", textAt(totals, "PayableAmount"), "amount");

  const lines = children(root, credit ? "CreditNoteLine" : "InvoiceLine");
  const lineItems: EInvoiceLineItem[] = lines.map((line) => {
    const quantity = child(line, credit ? "CreditedQuantity" : "InvoicedQuantity");
    const item = child(line, "Item");
    return {
      description: textAt(item, "Name") ?? textAt(item, "Description"),
      quantity: text(quantity),
      unit: attribute(quantity, "unitCode"),
      unitPrice: textAt(line, "Price", "PriceAmount"),
      amount: textAt(line, "LineExtensionAmount"),
      taxRate: textAt(item, "ClassifiedTaxCategory", "Percent"),
    };
  });
  return {
    syntax: "ubl",
    documentType: credit || typeCode === "381" ? "credit_note" : "invoice",
    fields: fields.fields,
    lineItems,
  };
}

function partyName(party: XmlNode | undefined): string | null {
  return (
    textAt(party, "PartyLegalEntity", "RegistrationName") ?? textAt(party, "PartyName", "Name")
  );
}

function partyAddress(party: XmlNode | undefined): string | null {
  const address = child(party, "PostalAddress");
  if (!address) return null;
  return joinAddress({
    lines: [
      textAt(address, "StreetName"),
      textAt(address, "AdditionalStreetName"),
      ...children(address, "AddressLine").map((l) => textAt(l, "Line")),
    ],
    postcode: textAt(address, "PostalZone"),
    city: textAt(address, "CityName"),
    country: textAt(address, "Country", "IdentificationCode"),
  });
}

/** The `PartyTaxScheme/CompanyID` whose tax scheme is VAT. */
function vatId(party: XmlNode | undefined): string | null {
  for (const scheme of children(party, "PartyTaxScheme")) {
    if (textAt(scheme, "TaxScheme", "ID") === "VAT") return textAt(scheme, "CompanyID");
  }
  return null;
}

/** `TaxTotal/TaxAmount` in the document currency (a second TaxTotal may be in another). */
function taxTotal(root: XmlNode, currency: string | null): string | null {
  const amounts = children(root, "TaxTotal").map((t) => child(t, "TaxAmount"));
  const inCurrency = amounts.find((a) => {
    const c = attribute(a, "currencyID");
    return c === null || c === currency;
  });
  return text(inCurrency ?? amounts[0]);
}
