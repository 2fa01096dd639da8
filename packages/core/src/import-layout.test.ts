import { describe, expect, it } from "vitest";
import { normalizeImportedLayout } from "./import-layout";

describe("normalizeImportedLayout", () => {
  it("normalizes pixel boxes, drops empty tokens and joins a receipt's boxes into visual rows", () => {
    // Two text boxes of SROIE receipt X51005442341 on one printed row: the label and its amount.
    const layout = normalizeImportedLayout({
      units: "pixels",
      pages: [
        {
          index: 0,
          width: 400,
          height: 1000,
          tokens: [
            { text: "CASH", box: [40, 600, 100, 620], line: 7 },
            { text: " ", box: [100, 600, 110, 620], line: 7 },
            { text: "RM170.00", box: [300, 602, 380, 622], line: 8 },
            { text: "THANK", box: [40, 700, 120, 720], line: 9 },
          ],
        },
      ],
    });
    const tokens = layout.pages[0]!.tokens;
    expect(tokens.map((t) => [t.id, t.text, t.line])).toEqual([
      ["0:0", "CASH", 0],
      ["0:1", "RM170.00", 0],
      ["0:2", "THANK", 1],
    ]);
    expect(tokens[1]!.box).toEqual([0.75, 0.602, 0.95, 0.622]);
    expect(layout.pages[0]!.source).toBe("import");
  });
});
