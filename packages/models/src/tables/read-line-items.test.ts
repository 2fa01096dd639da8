import type { Layout, Token } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { readLineItems } from "./read-line-items";
import { scoreLineItems } from "./score-line-items";

/** A page from lines of `[text, x]` words, each line 0.02 high, starting at `y`. */
function page(index: number, lines: [string, number][][], y = 0.3): Layout["pages"][number] {
  const tokens: Token[] = [];
  lines.forEach((words, line) => {
    for (const [text, x] of words) {
      const top = y + line * 0.02;
      tokens.push({
        id: `${index}:${tokens.length}`,
        text,
        box: [x, top, x + Math.max(0.015, text.length * 0.008), top + 0.012],
        confidence: 1,
        line,
      });
    }
  });
  return { index, width: 1240, height: 1754, source: "text", tokens };
}

const header: [string, number][] = [
  ["Pos", 0.1],
  ["Description", 0.2],
  ["Qty", 0.5],
  ["Unit", 0.56],
  ["Price", 0.66],
  ["VAT", 0.76],
  ["Amount", 0.86],
];

describe("readLineItems", () => {
  it("reads rows under a header by column, and stops at the sums", () => {
    const layout: Layout = {
      pages: [
        page(0, [
          [
            ["Invoice", 0.1],
            ["12345", 0.3],
          ],
          header,
          [
            ["1", 0.1],
            ["Paper", 0.2],
            ["A4", 0.26],
            ["20", 0.5],
            ["pcs", 0.56],
            ["9.90", 0.66],
            ["19%", 0.76],
            ["198.00", 0.86],
          ],
          [["GTIN: 4012345001235", 0.2]],
          [
            ["2", 0.1],
            ["Consulting", 0.2],
            ["3", 0.5],
            ["h", 0.56],
            ["80.00", 0.66],
            ["19%", 0.76],
            ["240.00", 0.86],
          ],
          [
            ["less", 0.2],
            ["discount", 0.25],
            ["10%", 0.76],
            ["-24.00", 0.86],
          ],
          [
            ["Subtotal", 0.2],
            ["414.00", 0.86],
          ],
          [
            ["Total", 0.2],
            ["492.66", 0.86],
          ],
        ]),
      ],
    };
    const rows = readLineItems(layout);
    expect(rows).toHaveLength(2);
    const [paper, consulting] = rows;
    expect(paper!.cells.description!.value).toBe("Paper A4");
    expect(paper!.cells.quantity!.normalized).toBe("20.00");
    expect(paper!.cells.unit!.normalized).toBe("H87");
    expect(paper!.cells.unitPrice!.normalized).toBe("9.90");
    expect(paper!.cells.taxRate!.normalized).toBe("19.00");
    expect(paper!.cells.amount!.normalized).toBe("198.00");
    expect(paper!.cells.amount!.tokenIds).toEqual(["0:16"]);
    expect(consulting!.cells.unit!.normalized).toBe("HUR");
    // 3 × 80.00 = 240.00: the arithmetic holds, so the row is read with more confidence than one
    // that cannot be checked.
    expect(consulting!.confidence).toBeGreaterThan(0.9);
  });

  it("continues a table the page before left open, and reads figures printed first", () => {
    const layout: Layout = {
      pages: [
        page(0, [
          header,
          [
            ["1", 0.1],
            ["Paper", 0.2],
            ["20", 0.5],
            ["9.90", 0.66],
            ["19%", 0.76],
            ["198.00", 0.86],
          ],
        ]),
        page(
          1,
          [
            [
              ["2", 0.1],
              ["50", 0.5],
              ["5.50", 0.66],
              ["7%", 0.76],
              ["275.00", 0.86],
            ],
            [["Yoghurt", 0.2]],
            [
              ["Total", 0.2],
              ["473.00", 0.86],
            ],
          ],
          0.1,
        ),
      ],
    };
    const rows = readLineItems(layout);
    expect(
      rows.map((r) => [r.page, r.cells.description?.value, r.cells.amount?.normalized]),
    ).toEqual([
      [0, "Paper", "198.00"],
      [1, "Yoghurt", "275.00"],
    ]);
  });

  it("reads nothing from a page without a line-item header", () => {
    const layout: Layout = {
      pages: [
        page(0, [
          [
            ["Total", 0.2],
            ["12.00", 0.86],
          ],
          [
            ["Paid", 0.2],
            ["12.00", 0.5],
            ["12.00", 0.86],
          ],
        ]),
      ],
    };
    expect(readLineItems(layout)).toEqual([]);
  });
});

describe("scoreLineItems", () => {
  const layout: Layout = {
    pages: [
      page(0, [
        header,
        [
          ["1", 0.1],
          ["Paper", 0.2],
          ["A4", 0.26],
          ["20", 0.5],
          ["Stk", 0.56],
          ["9.90", 0.66],
          ["19%", 0.76],
          ["198.00", 0.86],
        ],
      ]),
    ],
  };
  const truth = {
    description: "Trennblätter Paper A4",
    quantity: "20.0000",
    unit: "C62",
    unitPrice: "9.9000",
    amount: "198.00",
    taxRate: "19.00",
  };

  it("pairs rows and scores each column's cells", () => {
    const score = scoreLineItems([{ predicted: readLineItems(layout), truth: [truth] }]);
    expect(score).toMatchObject({ rowPrecision: 1, rowRecall: 1, rowF1: 1, rows: 1 });
    for (const column of Object.values(score.columns)) expect(column.f1).toBe(1);
  });

  it("counts a missed row against recall and a wrong cell against its column", () => {
    const other = { ...truth, description: "Joghurt Banane", amount: "275.00", unitPrice: "5.50" };
    const wrongTax = { ...truth, taxRate: "7.00" };
    const score = scoreLineItems([{ predicted: readLineItems(layout), truth: [wrongTax, other] }]);
    expect(score.rowPrecision).toBe(1);
    expect(score.rowRecall).toBe(0.5);
    expect(score.columns.taxRate.f1).toBe(0);
    expect(score.columns.amount.precision).toBe(1);
    expect(score.columns.amount.recall).toBe(0.5);
  });

  it("ignores the empty lines some generators write", () => {
    const empty = {
      description: null,
      quantity: null,
      unit: null,
      unitPrice: null,
      amount: null,
      taxRate: null,
    };
    const score = scoreLineItems([{ predicted: readLineItems(layout), truth: [empty, truth] }]);
    expect(score.rows).toBe(1);
    expect(score.rowF1).toBe(1);
  });
});
