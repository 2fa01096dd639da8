import type { EInvoice, EInvoiceLineItem } from "@pagewise/core";
import { ciiDate, FieldList, joinAddress } from "./einvoice-values";
import { attribute, child, children, text, textAt, type XmlNode } from "./xml-tree";

/**
 * Element paths of the two CII generations: ZUGFeRD 1.0 (`CrossIndustryDocument`) and CII D16B
 * (`CrossIndustryInvoice`: ZUGFeRD 2.x, Factur-X, XRechnung-CII). Same parties and amounts,
 * renamed containers.
 */
const PATHS = {
  cii: {
    document: "ExchangedDocument",
    transaction: "SupplyChainTradeTransaction",
    agreement: "ApplicableHeaderTradeAgreement",
    settlement: "ApplicableHeaderTradeSettlement",
    summation: "SpecifiedTradeSettlementHeaderMonetarySummation",
    lineAgreement: "SpecifiedLineTradeAgreement",
    lineDelivery: "SpecifiedLineTradeDelivery",
    lineSettlement: "SpecifiedLineTradeSettlement",
    lineSummation: "SpecifiedTradeSettlementLineMonetarySummation",
    taxPercent: "RateApplicablePercent",
  },
  zugferd1: {
    document: "HeaderExchangedDocument",
    transaction: "SpecifiedSupplyChainTradeTransaction",
    agreement: "ApplicableSupplyChainTradeAgreement",
    settlement: "ApplicableSupplyChainTradeSettlement",
    summation: "SpecifiedTradeSettlementMonetarySummation",
    lineAgreement: "SpecifiedSupplyChainTradeAgreement",
    lineDelivery: "SpecifiedSupplyChainTradeDelivery",
    lineSettlement: "SpecifiedSupplyChainTradeSettlement",
    lineSummation: "SpecifiedTradeSettlementMonetarySummation",
    taxPercent: "ApplicablePercent",
  },
} as const;

/** The invoice label-schema fields and the lines of a CII or ZUGFeRD 1.0 invoice. */
export function parseCii(root: XmlNode, syntax: "cii" | "zugferd1"): Omit<EInvoice, "attachment"> {
  const p = PATHS[syntax];
  const doc = child(root, p.document);
  const tx = child(root, p.transaction);
  const agreement = child(tx, p.agreement);
  const settlement = child(tx, p.settlement);
  const seller = child(agreement, "SellerTradeParty");
  const buyer = child(agreement, "BuyerTradeParty");
  const summation = child(settlement, p.summation);
  const currency = textAt(settlement, "InvoiceCurrencyCode");
  const issue = child(doc, "IssueDateTime", "DateTimeString");
  const due = child(settlement, "SpecifiedTradePaymentTerms", "DueDateDateTime", "DateTimeString");
  const typeCode = textAt(doc, "TypeCode");

  const fields = new FieldList();
  fields.add("invoice_number", textAt(doc, "ID"));
  fields.add("date", ciiDate(text(issue), attribute(issue, "format")), "date");
  fields.add("due_date", ciiDate(text(due), attribute(due, "format")), "date");
  fields.add("vendor", textAt(seller, "Name"));
  fields.add("vendor_address", partyAddress(seller));
  fields.add("vendor_vat_id", vatId(seller));
  fields.add("customer", textAt(buyer, "Name"));
  fields.add("customer_address", partyAddress(buyer));
  fields.add("currency", currency);
  fields.add("total_untaxed", textAt(summation, "TaxBasisTotalAmount"), "amount");
  fields.add("tax", taxTotal(summation, currency), "amount");
  fields.add("total", textAt(summation, "GrandTotalAmount"), "amount");
  fields.add("amount_due", textAt(summation, "DuePayableAmount"), "amount");

  const lineItems: EInvoiceLineItem[] = children(tx, "IncludedSupplyChainTradeLineItem").map(
    (line) => {
      const quantity = child(line, p.lineDelivery, "BilledQuantity");
      const lineSettlement = child(line, p.lineSettlement);
      return {
        description: textAt(line, "SpecifiedTradeProduct", "Name"),
        quantity: text(quantity),
        unit: attribute(quantity, "unitCode"),
        unitPrice: textAt(line, p.lineAgreement, "NetPriceProductTradePrice", "ChargeAmount"),
        amount: textAt(lineSettlement, p.lineSummation, "LineTotalAmount"),
        taxRate: textAt(lineSettlement, "ApplicableTradeTax", p.taxPercent),
      };
    },
  );
  return {
    syntax,
    documentType: typeCode === "381" ? "credit_note" : "invoice",
    fields: fields.fields,
    lineItems,
  };
}

function partyAddress(party: XmlNode | undefined): string | null {
  const address = child(party, "PostalTradeAddress");
  if (!address) return null;
  return joinAddress({
    lines: [textAt(address, "LineOne"), textAt(address, "LineTwo"), textAt(address, "LineThree")],
    postcode: textAt(address, "PostcodeCode"),
    city: textAt(address, "CityName"),
    country: textAt(address, "CountryID"),
  });
}

/** The seller's VAT identifier (`SpecifiedTaxRegistration/ID` with scheme `VA`). */
function vatId(party: XmlNode | undefined): string | null {
  for (const registration of children(party, "SpecifiedTaxRegistration")) {
    const id = child(registration, "ID");
    if (attribute(id, "schemeID") === "VA") return text(id);
  }
  return null;
}

/** `TaxTotalAmount` in the invoice currency (it may be repeated in the accounting currency). */
function taxTotal(summation: XmlNode | undefined, currency: string | null): string | null {
  const totals = children(summation, "TaxTotalAmount");
  const inCurrency = totals.find((t) => {
    const c = attribute(t, "currencyID");
    return c === null || c === currency;
  });
  return text(inCurrency ?? totals[0]);
}
