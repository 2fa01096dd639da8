import type { FieldDefinition } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { buildDocumentView, type DocumentView } from "../layout/document-view";
import { loadTestDocuments } from "../test-support/test-documents";
import { addressBlocks, completeSpan } from "./complete-spans";

// Real ZUGFeRD layouts from the committed test data: a two-column letterhead (zf10), a stacked
// seller/buyer form (zf20 Taxifahrt) and a one-line sender address between bullets (Mustang).
const docs = loadTestDocuments("zugferd");
const viewOf = (stem: string): DocumentView =>
  buildDocumentView(docs.find((d) => d.id === `zugferd/${stem}`)!.layout);
const letterhead = viewOf("zf10__ZUGFeRD_1p0_BASIC_Einfach");
const form = viewOf("zf20__zugferd_2p0_BASIC_Taxifahrt");
const mustang = viewOf("mustang2__MustangGnuaccountingBeispielRE-20190610_507");

const text = (view: DocumentView, tokens: readonly number[]) =>
  tokens.map((o) => view.tokens[o]!.token.text).join(" ");
/** Reading-order positions of the first run of tokens spelling `words`. */
function find(view: DocumentView, words: string, from = 0): number[] {
  const want = words.split(" ");
  for (let i = from; i + want.length <= view.tokens.length; i++) {
    if (want.every((w, k) => view.tokens[i + k]!.token.text === w))
      return want.map((_, k) => i + k);
  }
  throw new Error(`"${words}" is not in the document`);
}
/** Probabilities: `high` for the given tokens, `rest` for every other. */
const probs =
  (high: readonly number[], rest = 0) =>
  (i: number) =>
    high.includes(i) ? 0.9 : rest;

const field = (name: string, type: FieldDefinition["type"] = "text"): FieldDefinition => ({
  name,
  type,
  required: false,
});

describe("addressBlocks", () => {
  it("takes the street above a postcode line, skipping the other column's lines", () => {
    const blocks = addressBlocks(letterhead).map((b) => text(letterhead, b));
    expect(blocks).toContain("Lieferantenstraße 20 80333 München");
    expect(blocks).toContain("Kundenstraße 15 69876 Frankfurt");
  });

  it("takes a country code and up to two street lines, not the name above them", () => {
    const blocks = addressBlocks(form).map((b) => text(form, b));
    expect(blocks).toContain("Lieferantenstraße 20 DE 10369 Berlin");
    expect(blocks).toContain("Kundenstraße 15 DE 13351 Berlin");
    expect(blocks.some((b) => b.includes("Taxi-Gast") || b.includes("Hans"))).toBe(false);
  });

  it("takes the street before a postcode between separators on one line", () => {
    const blocks = addressBlocks(mustang).map((b) => text(mustang, b));
    expect(blocks).toContain("Ecke 12 12345 Stadthausen");
    expect(blocks).toContain("Bahnstr. 42 88802 Spielkreis");
  });
});

describe("completeSpan", () => {
  it("makes a postcode fragment of an address the whole address block", () => {
    const postcode = find(form, "10369");
    const span = completeSpan(
      form,
      { tokens: postcode, score: 0.55 },
      field("vendor_address"),
      probs(postcode),
    );
    expect(text(form, span.tokens)).toBe("Lieferantenstraße 20 DE 10369 Berlin");
    expect(span.score).toBe(0.55);
  });

  it("ends an address at its postcode line: words below it leave the span", () => {
    const [postcode] = find(form, "13351");
    const below = find(form, "Rechnung gemäß Taxifahrt");
    const ranOn = [postcode!, postcode! + 1, ...below];
    const span = completeSpan(
      form,
      { tokens: ranOn, score: 0.5 },
      field("customer_address"),
      probs(ranOn),
    );
    expect(text(form, span.tokens)).toBe("Kundenstraße 15 DE 13351 Berlin");
  });

  it("grows a legal form to the whole name in its cell, whatever the model says of the words", () => {
    const gmbh = find(form, "GmbH");
    const span = completeSpan(form, { tokens: gmbh, score: 0.9 }, field("vendor"), probs(gmbh));
    expect(text(form, span.tokens)).toBe("Taxiunternehmen TX GmbH");
  });

  it("grows a name only over words the model does not rule out, never over a cell's label", () => {
    const [customer] = find(mustang, "Theodor Est");
    const est = [customer! + 1];
    const ruledOut = completeSpan(
      mustang,
      { tokens: est, score: 0.9 },
      field("customer"),
      probs(est, 0.001),
    );
    expect(text(mustang, ruledOut.tokens)).toBe("Est");
    const grown = completeSpan(
      mustang,
      { tokens: est, score: 0.9 },
      field("customer"),
      probs(est, 0.05),
    );
    expect(text(mustang, grown.tokens)).toBe("Theodor Est");
    // "USt.-Id.-Nr. : DE123456789": the label and its colon are not part of the value cell.
    const vat = find(form, "DE123456789");
    const label = completeSpan(form, { tokens: vat, score: 0.9 }, field("note"), probs(vat, 0.5));
    expect(text(form, label.tokens)).toBe("DE123456789");
  });

  it("leaves running text alone: a cell of more than a few words is not a name", () => {
    const word = find(form, "Lesbarmachung");
    const span = completeSpan(
      form,
      { tokens: word, score: 0.9 },
      field("customer"),
      probs(word, 0.5),
    );
    expect(text(form, span.tokens)).toBe("Lesbarmachung");
    // Nor does a name grow over a date or number in its cell.
    const trip = find(form, "Taxifahrt");
    const short = completeSpan(
      form,
      { tokens: trip, score: 0.9 },
      field("customer"),
      probs(trip, 0.5),
    );
    expect(text(form, short.tokens)).toBe("Rechnung gemäß Taxifahrt vom");
  });

  it("drops an id the span ran on from, and keeps an id to its likeliest cell", () => {
    const ids = [...find(form, "DE123456789"), ...find(form, "Käufer/Leistungsempfänger:")];
    const p = (i: number) => (i === ids[0] ? 0.95 : 0.4);
    const id = completeSpan(form, { tokens: ids, score: 0.6 }, field("vendor_vat_id", "id"), p);
    expect(text(form, id.tokens)).toBe("DE123456789");
    const name = [...find(form, "4000001987658"), ...find(form, "Taxiunternehmen TX GmbH")];
    const cleaned = completeSpan(form, { tokens: name, score: 0.6 }, field("vendor"), () => 0.5);
    expect(text(form, cleaned.tokens)).toBe("Taxiunternehmen TX GmbH");
  });

  it("ends a name where the address below it begins, and drops a name made of label words", () => {
    const name = find(form, "Taxiunternehmen TX GmbH");
    const ranOn = [...name, name[2]! + 1];
    expect(text(form, ranOn)).toBe("Taxiunternehmen TX GmbH Lieferantenstraße");
    const span = completeSpan(form, { tokens: ranOn, score: 0.6 }, field("vendor"), () => 0.5);
    expect(text(form, span.tokens)).toBe("Taxiunternehmen TX GmbH");
    // "USt.-Id.-Nr. : DE123456789": the words before the colon are a label, not a name.
    const label = find(form, "USt.-Id.-Nr.");
    const dropped = completeSpan(form, { tokens: label, score: 0.7 }, field("customer"), () => 0.5);
    expect(dropped.tokens).toEqual([]);
  });

  it("ends a legal name at its legal form's cell, without a heading alone on its line above", () => {
    const name = find(letterhead, "Lieferant GmbH");
    const [heading] = find(letterhead, "Rechnungsersteller");
    const [title] = find(letterhead, "RECHNUNG");
    const vendor = field("vendor");
    for (const ranOn of [
      [heading!, ...name],
      [...name, title!],
    ]) {
      const span = completeSpan(letterhead, { tokens: ranOn, score: 0.8 }, vendor, () => 0.01);
      expect(text(letterhead, span.tokens)).toBe("Lieferant GmbH");
      expect(span.score).toBe(0.8);
    }
    // Without a legal form, a span over two cells is left as the model gave it.
    const plain = [heading!, name[0]!];
    const span = completeSpan(letterhead, { tokens: plain, score: 0.8 }, vendor, () => 0.01);
    expect(text(letterhead, span.tokens)).toBe("Rechnungsersteller Lieferant");
    // Models trained before the rule (`legalNameCells` off) keep what they were validated with.
    const ranOn = { tokens: [heading!, ...name], score: 0.8 };
    const old = completeSpan(letterhead, ranOn, vendor, () => 0.01, { legalNameCells: false });
    expect(text(letterhead, old.tokens)).toBe("Rechnungsersteller Lieferant GmbH");
  });

  it("keeps a legal name wrapped over two lines whole, up to its last legal form", () => {
    // A receipt's centred header: the name wraps after "CO.", its legal form ends the next line.
    const words = [
      ["POPULAR", "BOOK", "CO."],
      ["(M)", "SDN", "BHD"],
      ["TOTAL", "12.00"],
    ];
    let id = 0;
    const receipt = buildDocumentView({
      pages: [
        {
          index: 0,
          width: 600,
          height: 1000,
          source: "text",
          tokens: words.flatMap((line, l) =>
            line.map((text, k) => ({
              id: `0:${id++}`,
              text,
              box: [0.3 + k * 0.12, 0.1 + l * 0.03, 0.4 + k * 0.12, 0.12 + l * 0.03],
              confidence: 1,
              line: l,
            })),
          ),
        },
      ],
    });
    const name = find(receipt, "POPULAR BOOK CO. (M) SDN BHD");
    const span = completeSpan(receipt, { tokens: name, score: 0.9 }, field("company"), () => 0.9);
    expect(text(receipt, span.tokens)).toBe("POPULAR BOOK CO. (M) SDN BHD");
    const ranOn = [...name, ...find(receipt, "TOTAL")];
    const ended = completeSpan(receipt, { tokens: ranOn, score: 0.9 }, field("company"), () => 0.9);
    expect(text(receipt, ended.tokens)).toBe("POPULAR BOOK CO. (M) SDN BHD");
  });

  it("does not touch typed or list fields", () => {
    const postcode = find(form, "10369");
    for (const type of ["list", "amount", "date"] as const) {
      const span = { tokens: postcode, score: 0.5 };
      expect(completeSpan(form, span, field("vendor_address", type), probs(postcode))).toBe(span);
    }
  });
});
