import type { Layout } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import {
  DOCUMENT_DENSE_FEATURES,
  DOCUMENT_FEATURIZER_VERSION,
  featurizeDocuments,
} from "./document-features";

function layoutOf(text: string): Layout {
  const tokens = text.split(" ").map((t, i) => ({
    id: `t${i}`,
    text: t,
    box: [0.01 * i, 0.1, 0.01 * i + 0.01, 0.12] as [number, number, number, number],
    confidence: 1,
  }));
  return {
    pages: [{ index: 0, width: 1, height: 1, source: "text", tokens }],
  } as unknown as Layout;
}

const cue = (m: ReturnType<typeof featurizeDocuments>, row: number, name: string) =>
  m.dense[row * m.denseDim + DOCUMENT_DENSE_FEATURES.indexOf(name as never)]!;

describe("featurizeDocuments", () => {
  it("counts document-type cue words alike in every language", () => {
    const m = featurizeDocuments(
      [
        layoutOf("Rechnung Nr. 471102 Kunde Kunden AG Fällig 19.06.2018"),
        layoutOf("TAX INVOICE Invoice # 2022089083 Bill to Customer"),
        layoutOf("Factuur Factuurnummer 123 BTW Klant"),
        layoutOf("CASH RECEIPT Change Thank you"),
        layoutOf("This Agreement between the Parties shall be governed"),
      ],
      256,
    );
    expect(DOCUMENT_FEATURIZER_VERSION).toBe(2);
    for (const row of [0, 1, 2]) {
      expect(cue(m, row, "cue_share_invoice")).toBeGreaterThan(0.5);
      expect(cue(m, row, "cue_invoice")).toBeGreaterThan(0);
    }
    expect(cue(m, 3, "cue_share_receipt")).toBe(1);
    expect(cue(m, 4, "cue_share_contract")).toBe(1);
  });

  it("featurizes version 1 without the cue counts, as v1 classifiers were trained", () => {
    const v1 = featurizeDocuments([layoutOf("Rechnung 1")], 256, 1);
    const v2 = featurizeDocuments([layoutOf("Rechnung 1")], 256);
    expect(v1.denseDim).toBe(8);
    expect(v2.denseDim).toBe(DOCUMENT_DENSE_FEATURES.length);
    expect(Array.from(v1.dense)).toEqual(Array.from(v2.dense.slice(0, 8)));
    expect(v1.values).toEqual(v2.values);
  });
});
