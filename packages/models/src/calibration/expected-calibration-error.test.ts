import { describe, expect, it } from "vitest";
import { expectedCalibrationError } from "./expected-calibration-error";

describe("expectedCalibrationError", () => {
  it("is the bin-weighted gap between confidence and precision", () => {
    // Bin [0.9, 1]: confidences 0.9, 0.95, 1.0 (mean 0.95), 2 of 3 right → gap 0.95 − 2/3.
    // Bin [0.1, 0.2): 0.15, right → gap 0.85. Weights 3/4 and 1/4.
    const ece = expectedCalibrationError([0.9, 0.95, 1, 0.15], [1, 1, 0, 1]);
    expect(ece).toBeCloseTo((3 / 4) * (0.95 - 2 / 3) + (1 / 4) * 0.85, 10);
  });

  it("is 0 when each bin's confidence equals its precision", () => {
    expect(expectedCalibrationError([0.5, 0.5, 0.75, 0.75, 0.75, 0.75], [1, 0, 1, 1, 1, 0])).toBe(
      0,
    );
  });

  it("is null without predictions and rejects mismatched lengths", () => {
    expect(expectedCalibrationError([], [])).toBeNull();
    expect(() => expectedCalibrationError([0.5], [])).toThrow();
  });
});
