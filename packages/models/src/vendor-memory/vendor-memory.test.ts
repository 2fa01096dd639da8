import { DEFAULT_LABEL_SCHEMA, findCategory, type Layout, type Token } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { loadTestDocuments } from "../test-support/test-documents";
import type { TrainingDocument } from "../types";
import { answerFromVendorMemory, mergeMemoryFields } from "./answer-from-vendor-memory";
import {
  documentKeys,
  identifyVendor,
  VENDOR_MATCH_THRESHOLD,
  vendorMatchScore,
} from "./identify-vendor";
import { observeVendorDocument } from "./observe-vendor-document";

const invoice = findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!;
const zugferd = loadTestDocuments("zugferd");
const byStem = (part: string): TrainingDocument => zugferd.find((d) => d.id.includes(part))!;
// Two invoices of one vendor (Bei Spiel GmbH) in the same template, and one of another vendor.
const first = byStem("RE-20140703_502");
const second = byStem("RE-20170509_505");
const other = byStem("ZUGFeRD_1p0_BASIC_Einfach");
const truth = (doc: TrainingDocument, name: string) =>
  doc.fields.find((f) => f.name === name)!.value;

/** A page with these lines of words, for identifier tests. */
function page(...lines: string[]): Layout {
  const tokens: Token[] = [];
  for (const [l, line] of lines.entries()) {
    for (const [i, text] of line.split(" ").entries()) {
      tokens.push({
        id: `0:${tokens.length}`,
        text,
        box: [0.1 + i * 0.1, 0.1 + l * 0.05, 0.18 + i * 0.1, 0.13 + l * 0.05],
        confidence: 1,
        line: l,
      });
    }
  }
  return { pages: [{ index: 0, width: 1000, height: 1400, source: "text", tokens }] };
}

describe("vendor identification", () => {
  it("finds checksum-valid IBANs and tax numbers printed on the page", () => {
    const keys = documentKeys(
      page(
        "IBAN: DE89 3704 0044 0532 0130 00",
        "IBAN DE00 1234 5678 9012 3456 78",
        "St.-Nr. 201/113/40209",
      ),
    );
    expect(keys.ibans).toEqual(["DE89370400440532013000"]);
    expect(keys.taxNumbers).toEqual(["201/113/40209"]);
  });

  it("recognizes a vendor by its printed name or IBAN, never by a shared VAT id alone", () => {
    const vendor = identifyVendor(page("Lieferant GmbH", "DE123456789"), [
      { name: "vendor", value: "Lieferant GmbH" },
      { name: "vendor_vat_id", value: "DE 123 456 789" },
    ])!;
    expect(vendor.vatIds).toEqual(["DE123456789"]);
    const same = documentKeys(page("Rechnung", "Lieferant", "GmbH Lieferantenstraße 20"));
    expect(vendorMatchScore(same, vendor)).toBeGreaterThanOrEqual(VENDOR_MATCH_THRESHOLD);
    const sharedVat = documentKeys(page("Verkehrsbetriebe GmbH", "USt-ID DE123456789"));
    expect(vendorMatchScore(sharedVat, vendor)).toBeLessThan(VENDOR_MATCH_THRESHOLD);
  });

  it("names no vendor when the review gives no name, VAT id or IBAN", () => {
    expect(identifyVendor(page("Total 12.00"), [{ name: "total", value: "12.00" }])).toBeNull();
  });
});

/** A page of phrases placed at (x, y) (page fractions), one line per phrase, words 0.1 apart. */
function placed(...phrases: [number, number, string][]): Layout {
  const tokens: Token[] = [];
  for (const [l, [x, y, text]] of phrases.entries()) {
    for (const [i, word] of text.split(" ").entries()) {
      const left = x + i * 0.1;
      tokens.push({
        id: `0:${tokens.length}`,
        text: word,
        box: [left, y, left + 0.08, y + 0.02],
        confidence: 1,
        line: l,
      });
    }
  }
  return { pages: [{ index: 0, width: 1000, height: 1400, source: "text", tokens }] };
}

describe("the vendor memory's same-template test", () => {
  // One template: the name on top, each value right of its label.
  const template = (dx: number, dy: number, values: string[]) =>
    placed(
      [0.1 + dx, 0.05 + dy, "Lieferant GmbH"],
      [0.1 + dx, 0.15 + dy, `Rechnungsnummer ${values[0]}`],
      [0.1 + dx, 0.2 + dy, `Datum ${values[1]}`],
      [0.1 + dx, 0.25 + dy, `Fällig ${values[2]}`],
      [0.1 + dx, 0.6 + dy, `Gesamtbetrag ${values[3]}`],
    );
  const reviewed = template(0, 0, ["R-1001", "01.02.2024", "15.02.2024", "100,00"]);
  const observation = observeVendorDocument(reviewed, invoice, [
    { name: "vendor", value: "Lieferant GmbH" },
    { name: "invoice_number", value: "R-1001" },
    { name: "date", value: "2024-02-01" },
    { name: "due_date", value: "2024-02-15" },
    { name: "total", value: "100.00" },
  ])!;

  it("reads a page of the same template printed a little shifted", () => {
    const next = template(0.02, 0.03, ["R-2002", "03.04.2024", "17.04.2024", "250,00"]);
    const answer = answerFromVendorMemory(next, invoice, [observation]);
    const got = Object.fromEntries(answer.fields.map((f) => [f.name, f.normalized]));
    expect(got).toMatchObject({
      invoice_number: "R-2002",
      date: "2024-04-03",
      due_date: "2024-04-17",
      total: "250.00",
    });
  });

  it("answers the vendor field with the vendor's name or not at all", () => {
    // Same template, but the name's place holds a GLN and the name is printed at the foot.
    const next = placed(
      [0.1, 0.05, "GLN 4000001000005"],
      [0.1, 0.15, "Rechnungsnummer R-2002"],
      [0.1, 0.2, "Datum 03.04.2024"],
      [0.1, 0.25, "Fällig 17.04.2024"],
      [0.1, 0.6, "Gesamtbetrag 250,00"],
      [0.1, 0.9, "Lieferant GmbH Musterstraße 1"],
    );
    const answer = answerFromVendorMemory(next, invoice, [observation]);
    const got = Object.fromEntries(answer.fields.map((f) => [f.name, f.value]));
    expect(got.invoice_number).toBe("R-2002");
    expect(got.vendor).toBeUndefined();
  });

  it("says nothing where the vendor's labels are printed in other places", () => {
    // Another template of the same vendor: every label is there, none where it was.
    const other = placed(
      [0.1, 0.05, "Lieferant GmbH"],
      [0.1, 0.05 + 0.1, "Gesamtbetrag 250,00"],
      [0.1, 0.3, "Kunde Datum 03.04.2024"],
      [0.1, 0.45, "Ihre Bestellung Rechnungsnummer R-2002"],
      [0.4, 0.2, "Fällig 17.04.2024"],
    );
    const answer = answerFromVendorMemory(other, invoice, [observation]);
    expect(answer.vendor?.name).toBe("LIEFERANTGMBH");
    expect(answer.fields).toEqual([]);
  });
});

describe("vendor memory on real invoices", () => {
  const observation = observeVendorDocument(first.layout, invoice, first.fields)!;

  it("remembers each reviewed field with the phrase it hangs on", () => {
    expect(observation.vendor.name).toBe("BEISPIELGMBH");
    const number = observation.fields.find((f) => f.name === "invoice_number")!;
    expect(number.anchor?.key).toMatch(/RECHNUNG|NR/);
    expect(observation.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["invoice_number", "date", "total", "vendor"]),
    );
  });

  it("reads the next invoice of the vendor where the first one had its values", () => {
    const answer = answerFromVendorMemory(second.layout, invoice, [observation]);
    expect(answer.vendor?.name).toBe("BEISPIELGMBH");
    expect(answer.observations).toBe(1);
    const got = Object.fromEntries(answer.fields.map((f) => [f.name, f.normalized]));
    expect(got.invoice_number).toBe(truth(second, "invoice_number"));
    expect(got.date).toBe(truth(second, "date"));
    expect(got.total).toBe(truth(second, "total"));
    for (const f of answer.fields) {
      expect(f.source).toBe("memory");
      expect(f.confidence).toBeCloseTo(0.7, 5); // one review agrees
      expect(f.tokenIds.length).toBeGreaterThan(0);
    }
    // Different values than the remembered invoice: read from this page, not recalled.
    expect(truth(second, "invoice_number")).not.toBe(truth(first, "invoice_number"));
  });

  it("says nothing about another vendor's invoice", () => {
    const answer = answerFromVendorMemory(other.layout, invoice, [observation]);
    expect(answer.vendor).toBeNull();
    expect(answer.fields).toEqual([]);
  });

  it("answers instead of the model only for the fields it found", () => {
    const model = [
      {
        name: "total",
        value: "1",
        normalized: "1",
        confidence: 0.9,
        page: 0,
        box: null,
        tokenIds: [],
      },
      {
        name: "tax",
        value: "2",
        normalized: "2",
        confidence: 0.9,
        page: 0,
        box: null,
        tokenIds: [],
      },
    ];
    const memory = [{ ...model[0]!, value: "3", normalized: "3", source: "memory" as const }];
    expect(mergeMemoryFields(model, memory).map((f) => [f.name, f.value])).toEqual([
      ["tax", "2"],
      ["total", "3"],
    ]);
    // A model more confident of its value than the memory of its answer keeps it.
    const weak = [{ ...memory[0]!, confidence: 0.7 }];
    expect(mergeMemoryFields(model, weak).map((f) => [f.name, f.value])).toEqual([
      ["total", "1"],
      ["tax", "2"],
    ]);
  });
});
