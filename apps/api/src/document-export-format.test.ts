import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./document-export-format";

describe("CSV cells", () => {
  it("escape what a spreadsheet would run as a formula with a leading quote", () => {
    for (const text of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(text).replace(/^"/, "")).toMatch(/^'/);
    }
    expect(csvCell("1-2")).toBe("1-2");
    // Numbers the export writes itself (confidences) are not text from a document.
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(null)).toBe("");
  });

  it("quote commas, quotes and line breaks so a real parser reads them back", () => {
    const cells = ["a,b", 'say "hi"', "two\nlines", "crlf\r\nx", "plain", "", "ü €"];
    const line = csvLine(cells);
    expect(line.endsWith("\r\n")).toBe(true);
    const [row] = parse(line) as string[][];
    expect(row).toEqual(cells.map((c) => (c.startsWith("\r") ? `'${c}` : c)));
  });
});
