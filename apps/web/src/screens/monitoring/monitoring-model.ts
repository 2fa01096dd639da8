import type { AliasMove, ModelKind, Monitoring } from "../../api/types";

type LiveAccuracy = Monitoring["liveAccuracy"];
export type ReviewSample = LiveAccuracy["samples"][number]["sample"];
export const SAMPLES: readonly ReviewSample[] = ["audit", "flagged"];

/** The windows the screen offers (the API takes any `30m` / `24h` / `7d` up to 365d). */
export const WINDOWS = ["24h", "7d", "30d"] as const;
export type MonitoringWindow = (typeof WINDOWS)[number];
export const DEFAULT_WINDOW: MonitoringWindow = "7d";

export function windowOf(value: string | null): MonitoringWindow {
  return (WINDOWS as readonly string[]).includes(value ?? "")
    ? (value as MonitoringWindow)
    : DEFAULT_WINDOW;
}

/** One point of a daily line: a UTC day's share (null: nothing to measure that day). */
export interface DayPoint {
  day: string;
  value: number | null;
  documents: number;
}

/** The daily kept share per review sample, days in order. */
export function dailyKeptShare(live: LiveAccuracy): Record<ReviewSample, DayPoint[]> {
  const series: Record<ReviewSample, DayPoint[]> = { audit: [], flagged: [] };
  for (const d of live.daily) {
    series[d.sample].push({ day: d.day, value: d.keptShare, documents: d.documents });
  }
  return series;
}

/** A champion that changed inside the window: where the chart marks a version change. */
export interface VersionMark {
  at: string;
  kind: ModelKind;
  version: number;
  reason: string;
}

/** Champion moves (promotions and rollbacks) of both kinds inside the window, oldest first. */
export function versionMarks(
  history: Record<ModelKind, readonly AliasMove[]>,
  window: { from: string; to: string },
): VersionMark[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const marks: VersionMark[] = [];
  for (const kind of ["classifier", "extractor"] as const) {
    for (const move of history[kind]) {
      const at = Date.parse(move.createdAt);
      if (move.alias !== "champion" || move.toVersion === null || at < from || at > to) continue;
      marks.push({ at: move.createdAt, kind, version: move.toVersion, reason: move.reason });
    }
  }
  return marks.sort((a, b) => a.at.localeCompare(b.at));
}

/** One field's counts in one sample, summed over the extractor versions of the window. */
export interface FieldSampleCounts {
  predicted: number;
  kept: number;
  corrected: number;
  added: number;
  labeled: number;
  versions: number[];
}

export interface FieldRow {
  field: string;
  samples: Partial<Record<ReviewSample, FieldSampleCounts>>;
}

/** Per field, the audit and flagged counts side by side (fields by name). */
export function fieldRows(live: Pick<LiveAccuracy, "fields">): FieldRow[] {
  const rows = new Map<string, FieldRow>();
  for (const f of live.fields) {
    const row = rows.get(f.field) ?? { field: f.field, samples: {} };
    rows.set(f.field, row);
    const c = row.samples[f.sample] ?? {
      predicted: 0,
      kept: 0,
      corrected: 0,
      added: 0,
      labeled: 0,
      versions: [],
    };
    row.samples[f.sample] = c;
    c.predicted += f.predicted;
    c.kept += f.kept;
    c.corrected += f.corrected;
    c.added += f.added;
    c.labeled += f.labeled;
    if (f.extractorVersion !== null && !c.versions.includes(f.extractorVersion)) {
      c.versions.push(f.extractorVersion);
    }
  }
  return [...rows.values()].sort((a, b) => a.field.localeCompare(b.field));
}

/** `kept / predicted` (null without predictions). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Field confidences first (what a person sees in review), then the document signals. */
export function histogramOrder(names: readonly string[]): string[] {
  const field = names.filter((n) => n.startsWith("field_confidence:"));
  return [...field, ...names.filter((n) => !n.startsWith("field_confidence:"))];
}

/** `field_confidence:total` → `total confidence`; `tokens_per_page` → `tokens per page`. */
export function signalLabel(name: string): string {
  if (name.startsWith("field_confidence:")) {
    return `${name.slice("field_confidence:".length)} confidence`;
  }
  return name.replace(/_/g, " ");
}
