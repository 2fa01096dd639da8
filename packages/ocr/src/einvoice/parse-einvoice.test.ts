import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeAmount } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { openPdf } from "../pdfjs";
import { FIXTURES_DIR, readFixture, readFixtureJson } from "../test-fixtures";
import { parseEInvoice } from "./parse-einvoice";
import { readEmbeddedEInvoice } from "./read-embedded-einvoice";

const ZUGFERD = [
  "zf10__ZUGFeRD_1p0_BASIC_Einfach",
  "mustang2__MustangGnuaccountingBeispielRE-20190610_507",
];

async function embedded(stem: string) {
  const doc = await openPdf(readFixture(`zugferd/files/${stem}.pdf`));
  try {
    return await readEmbeddedEInvoice(doc);
  } finally {
    await doc.destroy();
  }
}

/** Amounts compare by value (`300` = `300.00`), everything else exactly. */
const comparable = (name: string, value: string) =>
  /total|tax|amount/.test(name) ? normalizeAmount(value) : value;

describe("parseEInvoice (CII)", () => {
  it.each(ZUGFERD)("reads the XML embedded in %s exactly as its ground truth", async (stem) => {
    const invoice = await embedded(stem);
    const gt = readFixtureJson<{ fields: Record<string, string>; embedded_xml_name: string }>(
      `zugferd/gt/${stem}.json`,
    );
    expect(invoice).not.toBeNull();
    expect(invoice!.attachment).toBe(gt.embedded_xml_name);
    const want = Object.entries(gt.fields)
      .filter(([name]) => !name.startsWith("document_type"))
      .map(([name, value]) => [name, comparable(name, value)]);
    const got = invoice!.fields.map((f) => [f.name, comparable(f.name, f.normalized)]);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    expect(invoice!.documentType).toBe(gt.fields.document_type);
  });

  it("tells ZUGFeRD 1.0 from CII and reads the lines of both", async () => {
    const v1 = await embedded(ZUGFERD[0]!);
    expect(v1!.syntax).toBe("zugferd1");
    expect(v1!.lineItems).toEqual([
      {
        description: expect.stringContaining("Trennblätter A4"),
        quantity: "20.0000",
        unit: "C62",
        unitPrice: null,
        amount: "198.00",
        taxRate: null,
      },
    ]);
    const v2 = await embedded(ZUGFERD[1]!);
    expect(v2!.syntax).toBe("cii");
    expect(v2!.lineItems).toHaveLength(3);
    expect(v2!.lineItems[0]).toEqual({
      description: "Design (hours): Of a sample invoice",
      quantity: "1.0000",
      unit: "HUR",
      unitPrice: "160.0000",
      amount: "160.00",
      taxRate: "7.00",
    });
  });

  it("finds no e-invoice in a PDF without embedded files", async () => {
    const doc = await openPdf(readFixture("image-only/X00016469619.pdf"));
    try {
      expect(await readEmbeddedEInvoice(doc)).toBeNull();
    } finally {
      await doc.destroy();
    }
  });
});

describe("parseEInvoice (UBL)", () => {
  const xml = readFileSync(join(FIXTURES_DIR, "einvoice/ubl-invoice.xml"), "utf8");

  it("maps a UBL 2.1 invoice to the invoice fields", () => {
    const invoice = parseEInvoice(xml);
    expect(invoice.syntax).toBe("ubl");
    expect(invoice.documentType).toBe("invoice");
    expect(invoice.attachment).toBeNull();
    expect(Object.fromEntries(invoice.fields.map((f) => [f.name, f.normalized]))).toEqual({
      invoice_number: "UBL-2026-0042",
      date: "2026-11-30",
      due_date: "2026-12-30",
      vendor: "Beispielwerk GmbH",
      vendor_address: "Musterweg 7, 50667 Köln, DE",
      vendor_vat_id: "DE999999999",
      customer: "Stadtwerke Musterstadt",
      customer_address: "Hauptstraße 1, Gebäude B, 53111 Bonn, DE",
      currency: "EUR",
      total_untaxed: "215.00",
      tax: "40.85",
      total: "255.85",
      amount_due: "200.00",
    });
  });

  it("reads an invoice that carries a large embedded file the same, without parsing the file", () => {
    // An attached PDF as UBL embeds one (base64), about 4 MB: it must not be what parsing costs.
    const base64 = Buffer.alloc(3 * 1024 * 1024, 7)
      .toString("base64")
      .replace(/.{76}/g, "$&\n");
    const withFile = xml.replace(
      "</cac:AccountingSupplierParty>",
      `</cac:AccountingSupplierParty>
  <cac:AdditionalDocumentReference>
    <cbc:ID>delivery-note</cbc:ID>
    <cac:Attachment>
      <cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="note.pdf">${base64}</cbc:EmbeddedDocumentBinaryObject>
    </cac:Attachment>
  </cac:AdditionalDocumentReference>`,
    );
    expect(withFile.length).toBeGreaterThan(4_000_000);
    expect(parseEInvoice(withFile)).toEqual(parseEInvoice(xml));
    // Removing the base64 keeps a broken document broken: an unclosed element still fails.
    const broken = withFile.replace("</cbc:EmbeddedDocumentBinaryObject>", "");
    expect(() => parseEInvoice(broken)).toThrow(/not well-formed|cannot be parsed/);
  });

  it("reads its lines with quantity, unit, price, amount and tax rate", () => {
    expect(parseEInvoice(xml).lineItems).toEqual([
      {
        description: "Wartung Pumpenanlage",
        quantity: "3",
        unit: "HUR",
        unitPrice: "65.00",
        amount: "195.00",
        taxRate: "19",
      },
      {
        description: "Dichtung",
        quantity: "4",
        unit: "H87",
        unitPrice: "5.00",
        amount: "20.00",
        taxRate: "19",
      },
    ]);
  });

  it("reads a credit note's lines and type", () => {
    const credit = `<?xml version="1.0"?>
<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>CN-7</cbc:ID><cbc:IssueDate>2026-01-02</cbc:IssueDate>
  <cac:CreditNoteLine><cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">-10.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Retoure</cbc:Name></cac:Item></cac:CreditNoteLine>
</CreditNote>`;
    const invoice = parseEInvoice(credit);
    expect(invoice.documentType).toBe("credit_note");
    expect(invoice.fields.map((f) => f.name)).toEqual(["invoice_number", "date"]);
    expect(invoice.lineItems[0]).toMatchObject({ quantity: "2", unit: "C62", amount: "-10.00" });
  });
});

describe("parseEInvoice refuses", () => {
  it.each([
    ["XML that is not well-formed", "<Invoice><cbc:ID>1</Invoice>"],
    ["another root element", "<Order><ID>1</ID></Order>"],
    ["a document type declaration", '<!DOCTYPE Invoice [<!ENTITY a "b">]><Invoice>&a;</Invoice>'],
    ["nesting 100,000 levels deep", `<Invoice>${"<a>".repeat(1e5)}${"</a>".repeat(1e5)}</Invoice>`],
  ])("%s with invalid_einvoice", (_what, xml) => {
    expect(() => parseEInvoice(xml)).toThrow(expect.objectContaining({ code: "invalid_einvoice" }));
  });
});
