import { describe, expect, it } from "vitest";
import { lossLines } from "./loss-chart";

describe("the loss chart's lines", () => {
  it("puts epoch 1 at the left, the highest loss at the top, and models on one epoch scale", () => {
    const lines = lossLines(
      { classifier: [2, 1, 0.5, 0], extractor: [1, 0.5] },
      { width: 300, height: 100 },
    );
    expect(lines.map((l) => l.model)).toEqual(["classifier", "extractor"]);
    expect(lines[0]!.points).toEqual([
      [0, 0],
      [100, 50],
      [200, 75],
      [300, 100],
    ]);
    expect(lines[1]!.points).toEqual([
      [0, 50],
      [100, 75],
    ]);
  });

  it("draws nothing before the first epoch ended", () => {
    expect(lossLines({}, { width: 300, height: 100 })).toEqual([]);
    expect(lossLines({ extractor: [] }, { width: 300, height: 100 })).toEqual([]);
  });
});
