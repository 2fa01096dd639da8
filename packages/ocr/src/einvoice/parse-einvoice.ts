import { type EInvoice, PagewiseError } from "@pagewise/core";
import { parseCii } from "./parse-cii";
import { parseUbl } from "./parse-ubl";
import { parseXmlTree } from "./xml-tree";

/**
 * Read an e-invoice's XML: CII (ZUGFeRD 2.x / Factur-X / XRechnung-CII), ZUGFeRD 1.0 or UBL 2.1
 * (`Invoice`, `CreditNote`), told apart by the root element. Returns the invoice label schema's
 * fields exactly as the XML states them and the invoice lines. Throws `invalid_einvoice` for XML
 * that is not well-formed or has another root element.
 *
 * @example parseEInvoice(xml, "factur-x.xml").fields // [{ name: "invoice_number", value: "471102", … }, …]
 */
export function parseEInvoice(xml: string, attachment: string | null = null): EInvoice {
  const tree = parseXmlTree(xml.replace(/^\uFEFF/, ""));
  const rootName = Object.keys(tree).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  const root = rootName ? tree[rootName]?.[0] : undefined;
  if (!rootName || root === undefined || typeof root === "string") {
    throw new PagewiseError("invalid_einvoice", "The XML has no root element");
  }
  if (rootName === "CrossIndustryInvoice") return { ...parseCii(root, "cii"), attachment };
  if (rootName === "CrossIndustryDocument") return { ...parseCii(root, "zugferd1"), attachment };
  if (rootName === "Invoice" || rootName === "CreditNote") {
    return { ...parseUbl(root, rootName), attachment };
  }
  throw new PagewiseError(
    "invalid_einvoice",
    `The XML root element ${rootName} is not a CII or UBL invoice`,
    { rootElement: rootName },
  );
}
