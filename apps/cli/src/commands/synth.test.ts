import { type Box, DEFAULT_LABEL_SCHEMA, findCategory } from "@pagewise/core";
import { alignOccurrences, generateSyntheticInvoice } from "@pagewise/models";
import { DocumentReader, readDocument } from "@pagewise/ocr";
import { afterAll, describe, expect, it } from "vitest";

const reader = new DocumentReader({ threads: 1, languages: "eng" });
afterAll(() => reader.close());

const fieldType = new Map(
  findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!.fields.map((f) => [f.name, f.type]),
);

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

describe("synthetic invoices read back through the pipeline's reader", () => {
  it("prints every labeled value where its boxes say, as the text layer reads it", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const { pdf, groundTruth } = await generateSyntheticInvoice(seed);
      const layout = await readDocument(reader, pdf);
      expect(layout.pages).toHaveLength(1);
      const page = layout.pages[0]!;
      expect(page.source).toBe("text");
      const byId = new Map(page.tokens.map((t) => [t.id, t]));
      for (const [name, value] of Object.entries(groundTruth.fields)) {
        // The same alignment that turns a dataset's values into token labels for training.
        const spans = alignOccurrences(layout, value, fieldType.get(name)!);
        expect(spans.length, `seed ${seed}: ${name} "${value}" not found`).toBeGreaterThan(0);
        // One of the occurrences lies on the boxes the generator recorded for the field (a
        // subtotal may also be printed as a line's amount, which is not the field).
        const boxes = groundTruth.boxes[name]!;
        const onBoxes = spans.filter((span) =>
          span.tokenIds.every((id) => boxes.some((b) => overlaps(byId.get(id)!.box, b))),
        );
        expect(onBoxes.length, `seed ${seed}: ${name} not read on its boxes`).toBeGreaterThan(0);
      }
    }
  });
});
