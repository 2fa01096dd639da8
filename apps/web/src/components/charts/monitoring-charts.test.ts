import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DriftChart } from "./drift-chart";
import { HistogramChart } from "./histogram-chart";
import { SeriesChart } from "./series-chart";

describe("the monitoring charts", () => {
  it("colour drift bars by status and draw both thresholds", () => {
    const svg = renderToStaticMarkup(
      createElement(DriftChart, {
        warnPsi: 0.1,
        alertPsi: 0.25,
        bars: [
          { name: "pages", label: "pages", psi: 2.5, status: "alert", title: "pages" },
          { name: "category", label: "category", psi: 0.12, status: "warn", title: "category" },
          { name: "digit_share", label: "digit share", psi: 0.01, status: "ok", title: "d" },
        ],
      }),
    );
    expect(svg.match(/chart-drift chart-drift-(\w+)/g)).toEqual([
      "chart-drift chart-drift-alert",
      "chart-drift chart-drift-warn",
      "chart-drift chart-drift-ok",
    ]);
    expect(svg).toContain("warn 0.1");
    expect(svg).toContain("alert 0.25");
    // A PSI beyond the scale runs to its edge and says its value.
    expect(svg).toContain(">2.500<");
  });

  it("draws a reference and a live bar per bin", () => {
    const svg = renderToStaticMarkup(
      createElement(HistogramChart, {
        label: "pages",
        labels: ["< 1.5", "≥ 1.5"],
        reference: [1, 0],
        live: [0.25, 0.75],
      }),
    );
    expect(svg.match(/data-side="reference"/g)).toHaveLength(2);
    expect(svg.match(/data-side="live"/g)).toHaveLength(2);
    expect(svg).toContain("≥ 1.5: live 75.0%");
  });

  it("draws each day as a level across the day, and one mark for versions promoted together", () => {
    const svg = renderToStaticMarkup(
      createElement(SeriesChart, {
        label: "kept",
        from: "2026-11-20T00:00:00.000Z",
        to: "2026-11-22T00:00:00.000Z",
        series: [
          {
            name: "audit",
            className: "series-audit",
            points: [
              { day: "2026-11-20", value: 1, title: "a" },
              { day: "2026-11-21", value: 0.5, title: "b" },
            ],
          },
        ],
        marks: [
          { at: "2026-11-21T06:00:00.000Z", label: "E v2", title: "e" },
          { at: "2026-11-21T06:00:01.000Z", label: "C v2", title: "c" },
        ],
      }),
    );
    // Two days, each a level from its start to its end: four points on one step line.
    const points = svg.match(/class="chart-series-line" points="([^"]+)"/)?.[1]?.split(" ");
    expect(points).toHaveLength(4);
    expect(svg.match(/data-testid="version-mark"/g)).toHaveLength(1);
    expect(svg).toContain("E v2, C v2");
  });
});
