import type { FieldDefinition } from "@pagewise/core";
import { inferLocaleHints } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { alignOccurrences, alignValue } from "../align/align-value";
import { buildDocumentView } from "../layout/document-view";
import { loadTestDocuments } from "../test-support/test-documents";
import { type AssemblyOptions, assembleFields } from "./assemble-fields";

const OPTIONS: AssemblyOptions = {
  seedThreshold: 0.5,
  growThreshold: 0.3,
  minConfidence: 0.3,
  listThreshold: 0.5,
  snapSimilarity: 0,
  occurrenceWeight: 1,
  fullerMargin: 0.1,
  completeSpans: false,
  distinctTexts: false,
  legalNameCells: false,
};

const doc = loadTestDocuments("sroie").find((d) => d.id === "sroie/X00016469612")!;
const view = buildDocumentView(doc.layout);
const hints = inferLocaleHints(doc.layout);

/** Probabilities that put `p` on the given tokens of one column and a little noise elsewhere. */
function probsFor(
  columns: number,
  marks: { column: number; orders: number[]; p: number }[],
): Float32Array {
  const probs = new Float32Array(view.tokens.length * columns).fill(0.01);
  for (const { column, orders, p } of marks)
    for (const o of orders) probs[o * columns + column] = p;
  return probs;
}

const ordersOf = (span: { orders: number[] }) => span.orders;

describe("assembleFields", () => {
  const address: FieldDefinition = { name: "address", type: "text", required: false };
  const total: FieldDefinition = { name: "total", type: "amount", required: true };
  const addressSpan = alignValue(
    view,
    doc.fields.find((f) => f.name === "address")!.value,
    "text",
  )!;

  it("merges adjacent tokens of a field into one value across line breaks", () => {
    const probs = probsFor(1, [{ column: 0, orders: ordersOf(addressSpan), p: 0.9 }]);
    const [field] = assembleFields(view, probs, 1, [{ field: address, column: 0 }], hints, OPTIONS);
    expect(field?.value).toBe(
      "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.",
    );
    expect(field?.tokenIds).toEqual(addressSpan.tokenIds);
    expect(field?.confidence).toBeCloseTo(0.9, 5);
    // The box is the union of the tokens' normalized boxes.
    expect(field!.box![0]).toBeGreaterThan(0);
    expect(field!.box![3]).toBeLessThan(1);
    expect(field!.box![3]).toBeGreaterThan(field!.box![1]);
  });

  it("keeps a weak token inside a confident span and drops an isolated weak one", () => {
    const orders = ordersOf(addressSpan);
    const probs = probsFor(1, [
      { column: 0, orders, p: 0.9 },
      { column: 0, orders: [orders[3]!], p: 0.35 },
      { column: 0, orders: [0], p: 0.35 },
    ]);
    const fields = assembleFields(view, probs, 1, [{ field: address, column: 0 }], hints, OPTIONS);
    expect(fields).toHaveLength(1);
    expect(fields[0]!.tokenIds).toEqual(addressSpan.tokenIds);
  });

  it("pools a total printed several times and normalizes it", () => {
    const totals = alignOccurrences(view, "9.00", "amount");
    const probs = probsFor(
      1,
      totals.map((t) => ({ column: 0, orders: ordersOf(t), p: 0.6 })),
    );
    const [field] = assembleFields(view, probs, 1, [{ field: total, column: 0 }], hints, OPTIONS);
    expect(field?.normalized).toBe("9.00");
    // 1 − (1 − 0.6)³ over the three best occurrences.
    expect(field!.confidence).toBeCloseTo(1 - 0.4 ** Math.min(3, totals.length), 5);
  });

  it("returns nothing for a single-valued field below the confidence floor", () => {
    const probs = probsFor(1, [{ column: 0, orders: ordersOf(addressSpan), p: 0.2 }]);
    expect(assembleFields(view, probs, 1, [{ field: address, column: 0 }], hints, OPTIONS)).toEqual(
      [],
    );
  });

  it("returns several values for a list field, without fragments of a taken value", () => {
    const parties: FieldDefinition = { name: "parties", type: "list", required: true };
    const company = alignValue(view, doc.fields.find((f) => f.name === "company")!.value, "text")!;
    const orders = ordersOf(company);
    const probs = probsFor(1, [
      { column: 0, orders: ordersOf(addressSpan), p: 0.7 },
      { column: 0, orders, p: 0.95 },
    ]);
    const values = assembleFields(
      view,
      probs,
      1,
      [{ field: parties, column: 0 }],
      hints,
      OPTIONS,
      undefined,
      () => 3,
    );
    expect(values.map((v) => v.value)).toEqual([company.text, addressSpan.text]);
    const limited = assembleFields(
      view,
      probs,
      1,
      [{ field: parties, column: 0 }],
      hints,
      OPTIONS,
      undefined,
      () => 1,
    );
    expect(limited.map((v) => v.value)).toEqual([company.text]);
  });

  it("with distinctTexts, gives a value two text fields want to the one that loses more without it", () => {
    const company: FieldDefinition = { name: "company", type: "text", required: true };
    const other: FieldDefinition = { name: "branch", type: "text", required: false };
    const name = ordersOf(
      alignValue(view, doc.fields.find((f) => f.name === "company")!.value, "text")!,
    );
    // Both columns like the company name; the second likes it less and the address next.
    const probs = probsFor(2, [
      { column: 0, orders: name, p: 0.95 },
      { column: 1, orders: name, p: 0.9 },
      { column: 1, orders: ordersOf(addressSpan), p: 0.6 },
    ]);
    const columns = [
      { field: other, column: 1 },
      { field: company, column: 0 },
    ];
    const alike = assembleFields(view, probs, 2, columns, hints, OPTIONS);
    expect(alike.map((f) => f.name)).toEqual(["branch", "company"]);
    expect(alike[0]!.value).toBe(alike[1]!.value);
    const distinct = assembleFields(view, probs, 2, columns, hints, {
      ...OPTIONS,
      distinctTexts: true,
    });
    expect(distinct.find((f) => f.name === "company")?.value).toBe(alike[1]!.value);
    expect(distinct.find((f) => f.name === "branch")?.value).toBe(addressSpan.text);
  });

  it("with distinctTexts and many text fields that want one value, still gives it to one", () => {
    // Twelve text fields all like the company name: too many to search every assignment of
    // (4^12); the most confident takes it, the others take their next value or none.
    const span = alignValue(view, doc.fields.find((f) => f.name === "company")!.value, "text")!;
    const name = ordersOf(span);
    const n = 12;
    const fields: FieldDefinition[] = Array.from({ length: n }, (_, i) => ({
      name: `f${i}`,
      type: "text",
      required: false,
    }));
    const probs = probsFor(
      n,
      fields.map((_, i) => ({ column: i, orders: name, p: i === 5 ? 0.97 : 0.9 })),
    );
    const columns = fields.map((field, column) => ({ field, column }));
    const started = performance.now();
    const out = assembleFields(view, probs, n, columns, hints, { ...OPTIONS, distinctTexts: true });
    expect(performance.now() - started).toBeLessThan(2000);
    const values = out.map((f) => f.value);
    expect(new Set(values).size).toBe(values.length);
    expect(out.find((f) => f.name === "f5")?.value).toBe(span.text);
  });

  it("snaps an OCR near miss of a known value to it, and leaves text-layer values alone", () => {
    const company: FieldDefinition = { name: "company", type: "text", required: true };
    const span = alignValue(view, "BOOK TA .K (TAMAN DAYA) SDN BHD", "text")!;
    const probs = probsFor(1, [{ column: 0, orders: ordersOf(span), p: 0.9 }]);
    const options = { ...OPTIONS, snapSimilarity: 0.9 };
    const known = () => ["BOOK TA .K (TAMAN DAYA) SDN BHD", "BOOK TA .K (MELAKA) SDN BHD"];
    const columns = [{ field: company, column: 0 }];
    const ocrView = buildDocumentView({
      pages: doc.layout.pages.map((p) => ({ ...p, source: "ocr" as const })),
    });
    const [field] = assembleFields(ocrView, probs, 1, columns, hints, options, known);
    expect(field?.value).toBe("BOOK TA .K (TAMAN DAYA) SDN BHD");
    const [asRead] = assembleFields(view, probs, 1, columns, hints, options, known);
    expect(asRead?.value).toBe("BOOK TA .K(TAMAN DAYA) SDN BND");
    expect(field?.tokenIds).toEqual(span.tokenIds);
  });
});
