import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ShadowComparison } from "../../api/types";
import { ShadowCard, ShadowComparisonView } from "./shadow-card";

const counts = (predicted: number, kept: number) => ({
  predicted,
  kept,
  corrected: predicted - kept,
  added: 0,
  labeled: predicted,
  keptShare: predicted ? kept / predicted : null,
  missedShare: 0,
});

describe("the shadow comparison card", () => {
  it("shows both sides per field with counts, the worse fields and the shadow period", () => {
    const comparison: ShadowComparison = {
      kind: "extractor",
      challengerVersion: 2,
      shadowed: 9,
      documents: 4,
      champion: { version: 1, categoryAccuracy: null },
      challenger: { version: 2, categoryAccuracy: null },
      fields: [
        { field: "total", champion: counts(4, 4), challenger: counts(4, 1), worse: true },
        { field: "date", champion: counts(4, 2), challenger: counts(4, 3), worse: false },
      ],
      worse: ["total"],
      required: 10,
      passed: false,
    };
    const html = renderToStaticMarkup(createElement(ShadowCard, { shadow: [comparison] }));
    expect(html).toContain("9 live documents predicted in the shadow, 4 of them reviewed");
    expect(html).toContain("4 of 10 reviewed documents for the shadow period");
    expect(html).toContain("Worse than the champion beyond tolerance on: total");
    expect(html).toContain(
      '<tr class="row-bad" data-testid="shadow-field" data-field="total" data-worse="true"><td>total</td>',
    );
    expect(html).toContain("25%");
    expect(html).toContain("(1/4)");
  });

  it("names the version on its own page, with the counts behind each share", () => {
    const comparison: ShadowComparison = {
      kind: "extractor",
      challengerVersion: 3,
      shadowed: 2,
      documents: 2,
      champion: { version: 1, categoryAccuracy: null },
      challenger: { version: 3, categoryAccuracy: null },
      fields: [
        {
          field: "total",
          champion: { ...counts(2, 2), added: 1, labeled: 3, missedShare: 1 / 3 },
          challenger: counts(2, 1),
          worse: true,
        },
      ],
      worse: ["total"],
      required: 2,
      passed: false,
    };
    const html = renderToStaticMarkup(
      createElement(ShadowComparisonView, { c: comparison, as: "this version" }),
    );
    expect(html).toContain("(this version) against v1 (champion)");
    expect(html).toContain("<th>v3 kept</th>");
    expect(html).toContain('33% <span class="muted">(1/3)</span>');
    expect(html).toContain('data-documents="2" data-required="2" data-passed="false"');
  });

  it("says how a challenger gets into the shadow when there is none", () => {
    const html = renderToStaticMarkup(createElement(ShadowCard, { shadow: [] }));
    expect(html).toContain("No challenger in the shadow");
  });
});
