import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { QualityChart } from "./quality-chart";

describe("the quality chart", () => {
  it("marks promotions, rejections and the current champion per version", () => {
    const svg = renderToStaticMarkup(
      createElement(QualityChart, {
        metric: "macro F1",
        points: [
          { version: 1, score: 0.6, status: "ready", promoted: true, champion: false },
          { version: 2, score: 0.4, status: "rejected", promoted: false, champion: false },
          { version: 3, score: 0.8, status: "ready", promoted: true, champion: true },
          { version: 4, score: null, status: "failed", promoted: false, champion: false },
        ],
      }),
    );
    expect(svg.match(/chart-dot chart-dot-promoted/g)).toHaveLength(2);
    expect(svg.match(/class="chart-reject"/g)).toHaveLength(1);
    expect(svg.match(/class="chart-ring"/g)).toHaveLength(1);
    expect(svg).toContain("v2: macro F1 0.400 · rejected by the gate");
    // A version without a score has its label but no mark.
    expect(svg).toContain(">v4<");
    expect(svg.match(/data-version="\d"/g)).toEqual([
      'data-version="1"',
      'data-version="2"',
      'data-version="3"',
    ]);
  });
});
