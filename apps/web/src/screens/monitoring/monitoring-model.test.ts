import { describe, expect, it } from "vitest";
import type { AliasMove, Monitoring } from "../../api/types";
import {
  dailyKeptShare,
  fieldRows,
  histogramOrder,
  versionMarks,
  windowOf,
} from "./monitoring-model";

const counts = (predicted: number, kept: number, added = 0, labeled = kept + added) => ({
  predicted,
  kept,
  corrected: predicted - kept,
  added,
  labeled,
  keptShare: predicted ? kept / predicted : null,
  missedShare: labeled ? added / labeled : null,
});

const live: Monitoring["liveAccuracy"] = {
  window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" },
  documents: 5,
  samples: [],
  category: [],
  fields: [
    { sample: "flagged", extractorVersion: 1, field: "total", ...counts(2, 1) },
    { sample: "flagged", extractorVersion: 2, field: "total", ...counts(3, 3, 1) },
    { sample: "audit", extractorVersion: 2, field: "total", ...counts(1, 1) },
    { sample: "audit", extractorVersion: 2, field: "company", ...counts(1, 0) },
  ],
  daily: [
    {
      day: "2026-11-21",
      sample: "audit",
      documents: 1,
      categoryAccuracy: null,
      keptShare: 1,
      missedShare: 0,
    },
    {
      day: "2026-11-21",
      sample: "flagged",
      documents: 2,
      categoryAccuracy: null,
      keptShare: 0.5,
      missedShare: 0,
    },
    {
      day: "2026-11-22",
      sample: "flagged",
      documents: 2,
      categoryAccuracy: null,
      keptShare: null,
      missedShare: null,
    },
  ],
};

describe("the monitoring screen's figures", () => {
  it("sums a field's counts over extractor versions, audit and flagged apart", () => {
    const rows = fieldRows(live);
    expect(rows.map((r) => r.field)).toEqual(["company", "total"]);
    const total = rows[1]!;
    expect(total.samples.flagged).toMatchObject({
      predicted: 5,
      kept: 4,
      added: 1,
      versions: [1, 2],
    });
    expect(total.samples.audit).toMatchObject({ predicted: 1, kept: 1 });
    expect(rows[0]!.samples.flagged).toBeUndefined();
  });

  it("splits the daily series by sample, keeping days without a measure as gaps", () => {
    const series = dailyKeptShare(live);
    expect(series.audit.map((p) => p.value)).toEqual([1]);
    expect(series.flagged.map((p) => p.value)).toEqual([0.5, null]);
  });

  it("marks champion moves inside the window only, oldest first", () => {
    const move = (createdAt: string, toVersion: number | null, alias = "champion"): AliasMove => ({
      id: createdAt,
      alias,
      createdAt,
      fromVersion: null,
      toVersion,
      actor: "t",
      actorName: null,
      reason: "promoted",
    });
    const marks = versionMarks(
      {
        extractor: [
          move("2026-11-19T00:00:00.000Z", 1),
          move("2026-11-23T00:00:00.000Z", 2),
          move("2026-11-24T00:00:00.000Z", 3, "challenger"),
        ],
        classifier: [move("2026-11-22T00:00:00.000Z", 1), move("2026-11-25T00:00:00.000Z", null)],
      },
      live.window,
    );
    expect(marks.map((m) => `${m.kind} v${m.version}`)).toEqual(["classifier v1", "extractor v2"]);
  });

  it("offers field confidences first in the histogram and falls back to 7d for unknown windows", () => {
    expect(histogramOrder(["pages", "field_confidence:total", "category"])).toEqual([
      "field_confidence:total",
      "pages",
      "category",
    ]);
    expect(windowOf("30d")).toBe("30d");
    expect(windowOf("90d")).toBe("7d");
    expect(windowOf(null)).toBe("7d");
  });
});
