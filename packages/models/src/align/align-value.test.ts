import { describe, expect, it } from "vitest";
import { loadTestDocuments } from "../test-support/test-documents";
import { alignOccurrences, alignValue } from "./align-value";
import { approximateMatches, editDistance } from "./approximate-match";

const receipts = loadTestDocuments("sroie");
const receipt = (stem: string) => receipts.find((d) => d.id === `sroie/${stem}`)!;

describe("alignValue", () => {
  it("finds a multi-line address exactly, across token and line boundaries", () => {
    const doc = receipt("X00016469612");
    const span = alignValue(
      doc.layout,
      "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.",
      "text",
    );
    expect(span?.score).toBe(1);
    expect(span?.text).toBe(
      "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.",
    );
    expect(span?.tokenIds.length).toBe(13);
  });

  it("tolerates the dataset's own OCR errors (BND for BHD, a missing space)", () => {
    const doc = receipt("X00016469612");
    const span = alignValue(doc.layout, "BOOK TA .K (TAMAN DAYA) SDN BHD", "text");
    expect(span?.text).toBe("BOOK TA .K(TAMAN DAYA) SDN BND");
    expect(span!.score).toBeGreaterThan(0.9);
    expect(span!.score).toBeLessThan(1);
  });

  it("matches dates and amounts by value, in whatever form the page prints them", () => {
    const doc = receipt("X00016469612");
    expect(alignValue(doc.layout, "2018-12-25", "date")?.text).toBe("25/12/2018");
    const totals = alignOccurrences(doc.layout, "9.00", "amount");
    expect(totals.length).toBeGreaterThanOrEqual(2);
    expect(totals.every((t) => t.score === 1)).toBe(true);
  });

  it("returns null for a value the document does not hold", () => {
    const doc = receipt("X00016469612");
    expect(alignValue(doc.layout, "ACME CORPORATION BERHAD", "text")).toBeNull();
    expect(alignValue(doc.layout, "1234.56", "amount")).toBeNull();
  });

  it("aligns every labeled value of the committed receipts", () => {
    let found = 0;
    let total = 0;
    for (const doc of receipts) {
      for (const field of doc.fields) {
        const type = field.name === "date" ? "date" : field.name === "total" ? "amount" : "text";
        total++;
        if (alignValue(doc.layout, field.value, type, { fieldName: field.name })) found++;
      }
    }
    expect(found).toBe(total);
  });

  it("finds an address that a two-column letterhead interleaves with the other column", () => {
    const invoice = loadTestDocuments("zugferd").find(
      (d) => d.id === "zugferd/zf10__ZUGFeRD_1p0_COMFORT_Einfach",
    )!;
    const span = alignValue(invoice.layout, "Lieferantenstraße 20, 80333 München, DE", "text", {
      fieldName: "vendor_address",
    });
    expect(span?.text).toBe("Lieferantenstraße 20 80333 München");
    expect(span?.score).toBe(1);
  });

  it("reads contract parties case- and punctuation-insensitively", () => {
    const [contract] = loadTestDocuments("kleister_nda");
    const party = contract!.fields.find((f) => f.name === "parties")!;
    const spans = alignOccurrences(contract!.layout, party.value, "list");
    expect(spans.length).toBeGreaterThan(0);
  });
});

describe("approximateMatches", () => {
  it("finds a pattern with OCR substitutions and reports its extent", () => {
    const [m] = approximateMatches("TOTALRM900", "SUBTOTAL12TOTALRM9OOCASH", 2);
    expect(m).toEqual({ start: 10, end: 20, distance: 2 });
    expect(editDistance("SDNBHD", "SDNBND")).toBe(1);
  });
});
