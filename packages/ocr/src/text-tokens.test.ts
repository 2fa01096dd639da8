import { describe, expect, it } from "vitest";
import { runsToTokens, type TextRun } from "./text-tokens";

const run = (text: string, x: number, y: number, width: number, size = 10): TextRun => ({
  text,
  origin: [x, y],
  advance: [width, 0],
  up: [0, -size],
  endsLine: false,
});

describe("runsToTokens", () => {
  it("splits a run of several words into word tokens with proportional boxes", () => {
    const tokens = runsToTokens([run("Total due 12.50", 0, 50, 150)], 3, 200, 100);
    expect(tokens.map((t) => t.text)).toEqual(["Total", "due", "12.50"]);
    expect(tokens.map((t) => t.id)).toEqual(["3:0", "3:1", "3:2"]);
    expect(tokens[0]!.box[0]).toBeCloseTo(0);
    expect(tokens[0]!.box[2]).toBeCloseTo(50 / 200);
    expect(tokens[2]!.box[0]).toBeCloseTo(100 / 200);
    // Em box: 0.8 of the size above the baseline, 0.2 below.
    expect(tokens[0]!.box[1]).toBeCloseTo(42 / 100);
    expect(tokens[0]!.box[3]).toBeCloseTo(52 / 100);
    expect(tokens.every((t) => t.confidence === 1 && t.line === 0)).toBe(true);
  });

  it("places words by code points: a character outside the BMP counts once", () => {
    // 10 code points over 100 px (12 UTF-16 units): "𝐀𝐁" is 2 of them, "€5" starts at the 4th.
    const tokens = runsToTokens([run("𝐀𝐁 €5 four", 0, 50, 100)], 0, 100, 100);
    expect(tokens.map((t) => t.text)).toEqual(["𝐀𝐁", "€5", "four"]);
    expect(tokens[0]!.box[2]).toBeCloseTo(0.2);
    expect(tokens[1]!.box[0]).toBeCloseTo(0.3);
    expect(tokens[1]!.box[2]).toBeCloseTo(0.5);
    expect(tokens[2]!.box[0]).toBeCloseTo(0.6);
    expect(tokens[2]!.box[2]).toBeCloseTo(1);
  });

  it("orders lines top to bottom and words left to right whatever the run order", () => {
    const tokens = runsToTokens(
      [
        run("second", 100, 80, 60),
        run("right", 120, 20, 50),
        run("left", 10, 21, 40),
        run("first", 10, 80, 50),
      ],
      0,
      300,
      100,
    );
    expect(tokens.map((t) => [t.text, t.line])).toEqual([
      ["left", 0],
      ["right", 0],
      ["first", 1],
      ["second", 1],
    ]);
  });

  it("glues fragments of one word that a generator split into touching runs", () => {
    const tokens = runsToTokens(
      [run("Rech", 0, 20, 40), run("nung", 40.5, 20, 40), run("Nr", 90, 20, 20)],
      0,
      200,
      40,
    );
    expect(tokens.map((t) => t.text)).toEqual(["Rechnung", "Nr"]);
  });
});
