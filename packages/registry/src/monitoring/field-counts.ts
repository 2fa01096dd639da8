import type { FieldCounts } from "./monitoring-types";

export type RawCounts = Omit<FieldCounts, "keptShare" | "missedShare">;

export const emptyCounts = (): RawCounts => ({
  predicted: 0,
  kept: 0,
  corrected: 0,
  added: 0,
  labeled: 0,
});

export function addCounts(into: RawCounts, more: RawCounts): RawCounts {
  into.predicted += more.predicted;
  into.kept += more.kept;
  into.corrected += more.corrected;
  into.added += more.added;
  into.labeled += more.labeled;
  return into;
}

const share = (a: number, b: number) => (b === 0 ? null : Math.min(1, a / b));

export function withShares(counts: RawCounts): FieldCounts {
  return {
    ...counts,
    keptShare: share(counts.kept, counts.predicted),
    missedShare: share(counts.added, counts.labeled),
  };
}
