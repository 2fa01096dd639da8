import { describe, expect, it } from "vitest";
import { applyIsotonic, isotonicFit } from "./isotonic-fit";

describe("isotonicFit", () => {
  it("pools adjacent violators into their mean (a known case)", () => {
    // Outcomes 1, 0, 1, 0, 1 at rising scores: (1, 0) pools to 0.5 at score 0.15; then 1 at 0.3;
    // (1, 0) at 0.3/0.4 violates, pools to 0.5, which then violates nothing to its left (0.5 ≤
    // 0.5 pools too: equal means merge), giving one block of four at 0.5 and the last 1 alone.
    const map = isotonicFit([0.1, 0.2, 0.3, 0.4, 0.5], [1, 0, 1, 0, 1]);
    expect(map.y).toEqual([0.5, 1]);
    expect(map.x[0]).toBeCloseTo(0.25);
    expect(map.x[1]).toBeCloseTo(0.5);
  });

  it("keeps an already increasing sequence as it is", () => {
    const map = isotonicFit([0.9, 0.1, 0.5], [1, 0, 0.5]);
    expect(map).toEqual({ x: [0.1, 0.5, 0.9], y: [0, 0.5, 1] });
  });

  it("gives one value to equal scores", () => {
    const map = isotonicFit([0.7, 0.7, 0.7, 0.2], [1, 0, 1, 0]);
    expect(map.x[0]).toBe(0.2);
    expect(map.x[1]).toBeCloseTo(0.7);
    expect(map.y[1]).toBeCloseTo(2 / 3);
  });

  it("is non-decreasing on noisy data and is the mean per block", () => {
    let seed = 3;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const scores = Array.from({ length: 500 }, rand);
    const outcomes = scores.map((s): number => (rand() < s * s ? 1 : 0));
    const map = isotonicFit(scores, outcomes);
    for (let i = 1; i < map.y.length; i++) {
      expect(map.y[i]!).toBeGreaterThan(map.y[i - 1]!);
      expect(map.x[i]!).toBeGreaterThan(map.x[i - 1]!);
    }
    // Least squares keeps the overall mean.
    const total = outcomes.reduce((a, b) => a + b, 0);
    const fitted = scores.reduce((sum, s) => sum + applyIsotonic(map, s), 0);
    expect(Math.abs(fitted - total)).toBeLessThan(25);
  });
});

describe("applyIsotonic", () => {
  const map = { x: [0.2, 0.6], y: [0.1, 0.9] };

  it("interpolates between breakpoints and is flat beyond them", () => {
    expect(applyIsotonic(map, 0.4)).toBeCloseTo(0.5);
    expect(applyIsotonic(map, 0)).toBe(0.1);
    expect(applyIsotonic(map, 1)).toBe(0.9);
  });

  it("returns the score itself for an empty map", () => {
    expect(applyIsotonic({ x: [], y: [] }, 0.37)).toBe(0.37);
  });
});
