import { DEFAULT_LABEL_SCHEMA, findCategory } from "@pagewise/core";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { DatasetGroundTruthSchema } from "../dataset/map-ground-truth";
import { generateSyntheticInvoice, SYNTHETIC_INVOICE_FIELDS } from "./generate-synthetic-invoice";

const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
const docs = await Promise.all(seeds.map((seed) => generateSyntheticInvoice(seed)));

describe("generateSyntheticInvoice", () => {
  it("gives the same bytes for the same seed and different invoices for different seeds", async () => {
    const again = await generateSyntheticInvoice(7);
    expect(Buffer.from(again.pdf).equals(Buffer.from(docs[6]!.pdf))).toBe(true);
    expect(again.groundTruth).toEqual(docs[6]!.groundTruth);
    const vendors = new Set(docs.map((d) => d.groundTruth.fields.vendor));
    expect(vendors.size).toBe(docs.length);
  });

  it("writes a one-page PDF and ground truth in the dataset format, complete for invoices", async () => {
    const invoiceFields = findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!.fields.map((f) => f.name);
    expect([...SYNTHETIC_INVOICE_FIELDS].sort()).toEqual([...invoiceFields].sort());
    for (const { pdf, groundTruth } of docs.slice(0, 5)) {
      expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
      const parsed = DatasetGroundTruthSchema.parse(groundTruth);
      expect(parsed.type).toBe("invoice");
      expect(parsed.keys_asked).toEqual([...SYNTHETIC_INVOICE_FIELDS]);
    }
  });

  it("labels consistent values: ISO dates, totals that add up, every printed field boxed", () => {
    for (const { groundTruth: gt } of docs) {
      const f = gt.fields;
      for (const required of [
        "vendor",
        "vendor_address",
        "customer",
        "invoice_number",
        "date",
        "tax",
        "total",
      ])
        expect(f[required], `${gt.file} ${required}`).toBeTruthy();
      expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (f.due_date) expect(f.due_date > f.date!).toBe(true);
      if (f.total_untaxed)
        expect(Number(f.total_untaxed) + Number(f.tax)).toBeCloseTo(Number(f.total), 2);
      if (f.amount_due) expect(f.amount_due).toBe(f.total);
      for (const name of Object.keys(f)) {
        const boxes = gt.boxes[name];
        expect(boxes?.length, `${gt.file}: no box for ${name}`).toBeGreaterThan(0);
        for (const [x0, y0, x1, y1] of boxes!) {
          expect(0 <= x0 && x0 < x1 && x1 <= 1 && 0 <= y0 && y0 < y1 && y1 <= 1).toBe(true);
        }
      }
      // no box for a field that is not labeled
      for (const name of Object.keys(gt.boxes)) expect(f[name]).toBeDefined();
    }
  });

  it("varies what differs between suppliers: language, seller's place, optional fields", () => {
    const languages = new Set(docs.map((d) => d.groundTruth.source.language));
    expect([...languages].sort()).toEqual(["de", "en", "fr"]);
    // where the seller's name first stands: left, right, centred, in a From block…
    const vendorX = new Set(
      docs.map((d) => Math.round((d.groundTruth.boxes.vendor![0]![0] as number) * 4)),
    );
    expect(vendorX.size).toBeGreaterThanOrEqual(3);
    const withDueDate = docs.filter((d) => d.groundTruth.fields.due_date).length;
    expect(withDueDate).toBeGreaterThan(5);
    expect(withDueDate).toBeLessThan(docs.length - 5);
    const withVat = docs.filter((d) => d.groundTruth.fields.vendor_vat_id).length;
    expect(withVat).toBeGreaterThan(docs.length / 2);
  });

  it("keeps a fixed language when asked", async () => {
    const fr = await generateSyntheticInvoice(3, { language: "fr", file: "files/x.pdf" });
    expect(fr.groundTruth.source.language).toBe("fr");
    expect(fr.groundTruth.file).toBe("files/x.pdf");
  });
});
