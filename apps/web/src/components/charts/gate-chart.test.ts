import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { GateReport } from "../../api/types";
import { GateChart } from "./gate-chart";

const report: GateReport = {
  passed: false,
  kind: "extractor",
  championVersion: 1,
  challengerVersion: 2,
  validationDocuments: 12,
  fields: [
    { name: "total", champion: 0.9, challenger: 0.95, delta: 0.05, support: 12, ok: true },
    { name: "date", champion: 0.8, challenger: 0.5, delta: -0.3, support: 12, ok: false },
  ],
  overall: { metric: "macroF1", champion: 0.85, challenger: 0.725, ok: false },
  tolerances: { field: 0.02, overall: 0 },
  reasons: ["date fell by 0.300"],
};

describe("the gate chart", () => {
  it("draws champion and challenger bars per field, the overall score first", () => {
    const svg = renderToStaticMarkup(createElement(GateChart, { report }));
    const labels = [...svg.matchAll(/<text class="chart-label[^"]*"[^>]*>([^<]+)</g)].map(
      (m) => m[1],
    );
    expect(labels).toEqual(["macro F1", "total", "date"]);
    expect(svg.match(/class="chart-bar-champion"/g)).toHaveLength(3);
    // The overall score and `date` broke the tolerance: their challenger bars are marked.
    expect(svg.match(/class="chart-bar chart-bar-bad"/g)).toHaveLength(2);
    expect(svg).toContain("date: challenger 0.500");
  });

  it("leaves out the champion's bars when there was no champion", () => {
    const first = {
      ...report,
      championVersion: null,
      fields: [{ ...report.fields[0]!, champion: null }],
    };
    const svg = renderToStaticMarkup(
      createElement(GateChart, {
        report: { ...first, overall: { ...report.overall, champion: null } },
      }),
    );
    expect(svg).not.toContain("chart-bar-champion");
  });
});
