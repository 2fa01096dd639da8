import { describe, expect, it } from "vitest";
import { calibrateConfidence, fitConfidenceCalibration } from "./confidence-calibration";

const points = (label: string, n: number, rightBelow: number) =>
  Array.from({ length: n }, (_, i) => ({
    label,
    confidence: 0.5 + (0.5 * i) / n,
    // Right one time in two below `rightBelow`, always above: an over-confident field.
    correct: i / n >= rightBelow || i % 2 === 0,
  }));

describe("fitConfidenceCalibration", () => {
  it("fits a map per field with enough values and leaves the others raw", () => {
    const cal = fitConfidenceCalibration(
      [...points("receipt.total", 40, 0.5), ...points("receipt.date", 5, 0)],
      12,
    )!;
    expect(Object.keys(cal.fields)).toEqual(["receipt.total"]);
    expect(cal.global).toBeNull();
    expect(cal.documents).toBe(12);
    // Low raw scores of the total were right half the time; the map says so.
    expect(calibrateConfidence(cal, "receipt.total", 0.55)).toBeCloseTo(0.5, 1);
    expect(calibrateConfidence(cal, "receipt.total", 0.99)).toBe(1);
    expect(calibrateConfidence(cal, "receipt.date", 0.55)).toBe(0.55);
    // A global map (older fits) serves fields without their own.
    const pooled = { ...cal, global: { x: [0.5, 1], y: [0.2, 0.9], points: 45 } };
    expect(calibrateConfidence(pooled, "receipt.date", 0.75)).toBeCloseTo(0.55);
  });

  it("gives nothing for too few values, and no calibration leaves the raw confidence", () => {
    expect(fitConfidenceCalibration(points("receipt.total", 5, 0), 2)).toBeNull();
    expect(fitConfidenceCalibration(points("receipt.total", 20, 0), 4)).toBeNull();
    expect(calibrateConfidence(undefined, "receipt.total", 0.42)).toBe(0.42);
  });
});
