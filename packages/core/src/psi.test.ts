import { describe, expect, it } from "vitest";
import { holmAdjust, homogeneityPValue, homogeneityTest, PSI_EPSILON, psi } from "./psi";

describe("psi", () => {
  it("is zero for the same mix, whatever the sample sizes", () => {
    expect(psi([10, 30, 60], [1, 3, 6])).toBeCloseTo(0, 12);
  });

  it("matches a hand computation", () => {
    // p = (0.5, 0.5), q = (0.2, 0.8): (0.2−0.5)·ln(0.2/0.5) + (0.8−0.5)·ln(0.8/0.5)
    const expected = -0.3 * Math.log(0.4) + 0.3 * Math.log(1.6);
    expect(psi([50, 50], [20, 80])).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.4159, 4);
  });

  it("counts a bin the reference never saw as epsilon instead of dividing by zero", () => {
    const value = psi([10, 0], [5, 5]);
    const expected = (0.5 - 1) * Math.log(0.5) + (0.5 - PSI_EPSILON) * Math.log(0.5 / PSI_EPSILON);
    expect(value).toBeCloseTo(expected, 12);
    expect(Number.isFinite(value)).toBe(true);
  });

  it("is symmetric in its two mixes", () => {
    expect(psi([1, 2, 7], [4, 4, 2])).toBeCloseTo(psi([4, 4, 2], [1, 2, 7]), 12);
  });
});

describe("homogeneity p-value", () => {
  it("is large for samples from one mix and tiny for disjoint ones", () => {
    expect(homogeneityPValue([5, 10, 5], [6, 9, 5])).toBeGreaterThan(0.5);
    expect(homogeneityPValue([20, 0], [0, 20])).toBeLessThan(1e-6);
  });

  it("is close to the chi-square table", () => {
    // [[30, 10], [10, 30]] gives χ² = 20 with 1 df: p ≈ 7.7e-6.
    const p = homogeneityPValue([30, 10], [10, 30]);
    expect(p).toBeGreaterThan(1e-6);
    expect(p).toBeLessThan(3e-5);
  });

  it("has nothing to test with one non-empty bin", () => {
    expect(homogeneityPValue([5, 0], [7, 0])).toBe(1);
  });
});

describe("sparse bins", () => {
  it("are merged before testing, so a shift spread over many empty bins is still seen", () => {
    // 8 of 28 live documents spread over three bins the reference never filled: the last two
    // bins (3 + 2 observations) are tested as one.
    expect(homogeneityPValue([30, 0, 0, 0], [20, 3, 3, 2])).toBeCloseTo(
      homogeneityPValue([30, 0, 0], [20, 3, 5]),
      12,
    );
    expect(homogeneityPValue([30, 0, 0, 0], [20, 3, 3, 2])).toBeLessThan(0.01);
  });
});

describe("holmAdjust", () => {
  it("matches a hand computation, in the input's order", () => {
    // Sorted 0.01, 0.03, 0.04: 3 × 0.01, max(0.03, 2 × 0.03), max(0.06, 1 × 0.04).
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
  });

  it("never lowers a p-value, caps at 1, and leaves a single test alone", () => {
    expect(holmAdjust([0.5, 0.6, 0.9])).toEqual([1, 1, 1]);
    expect(holmAdjust([0.002])).toEqual([0.002]);
    expect(holmAdjust([])).toEqual([]);
  });
});

describe("homogeneityTest", () => {
  it("has no degrees of freedom when everything falls in one merged bin or a side is empty", () => {
    expect(homogeneityTest([30, 0, 0], [20, 0, 0])).toEqual({ pValue: 1, degreesOfFreedom: 0 });
    expect(homogeneityTest([30, 2], [0, 0])).toEqual({ pValue: 1, degreesOfFreedom: 0 });
    expect(homogeneityTest([30, 10], [10, 30]).degreesOfFreedom).toBe(1);
  });
});
