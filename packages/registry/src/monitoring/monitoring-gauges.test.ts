import { describe, expect, it } from "vitest";
import { monitoringGauges } from "./monitoring-gauges";
import type { MonitoringReport } from "./monitoring-types";

const counts = (predicted: number, kept: number) => ({
  predicted,
  kept,
  corrected: predicted - kept,
  added: 0,
  labeled: predicted,
  keptShare: kept / predicted,
  missedShare: 0,
});

describe("monitoring gauges", () => {
  it("publish category accuracy and each field's kept share over both samples, and PSI per signal", () => {
    const report = {
      window: "7d",
      liveAccuracy: {
        window: { from: "a", to: "b" },
        documents: 5,
        samples: [],
        category: [
          { sample: "audit", classifierVersion: 1, documents: 2, correct: 2, accuracy: 1 },
          { sample: "flagged", classifierVersion: 1, documents: 3, correct: 1, accuracy: 1 / 3 },
        ],
        fields: [
          { sample: "audit", extractorVersion: 1, field: "total", ...counts(2, 2) },
          { sample: "flagged", extractorVersion: 1, field: "total", ...counts(3, 1) },
          { sample: "flagged", extractorVersion: 1, field: "date", ...counts(3, 0) },
        ],
        daily: [],
      },
      drift: {
        reference: null,
        documents: 0,
        thresholds: { warnPsi: 0.1, alertPsi: 0.25, minDocuments: 3 },
        signals: [
          {
            name: "pages",
            psi: 0.42,
            status: "alert",
            pValue: 0.001,
            adjustedPValue: 0.008,
            observations: 9,
            referenceObservations: 30,
          },
        ],
      },
      shadow: [],
      alerts: [],
    } satisfies MonitoringReport;
    expect(monitoringGauges(report)).toEqual({
      liveAccuracy: [
        { kind: "classifier", field: "category", value: 3 / 5 },
        { kind: "extractor", field: "date", value: 0 },
        { kind: "extractor", field: "total", value: 3 / 5 },
      ],
      drift: [{ signal: "pages", psi: 0.42, status: "alert" }],
    });
  });
});
