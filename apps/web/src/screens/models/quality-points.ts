import type { AliasMove, ModelKind, ModelVersion } from "../../api/types";
import type { QualityPoint } from "../../components/charts/quality-chart";

/** The chart's points: versions oldest first, promoted = champion at some time (alias history). */
export function qualityPoints(
  versions: readonly ModelVersion[],
  history: readonly AliasMove[],
  kind: ModelKind,
): QualityPoint[] {
  const promoted = new Set(
    history.filter((m) => m.alias === "champion" && m.toVersion !== null).map((m) => m.toVersion!),
  );
  return [...versions]
    .filter((v) => v.status !== "pending")
    .sort((a, b) => a.version - b.version)
    .map((v) => ({
      version: v.version,
      score: (kind === "extractor" ? v.metrics?.macroF1 : v.metrics?.accuracy) ?? null,
      status: v.status,
      promoted: promoted.has(v.version),
      champion: v.aliases.includes("champion"),
    }));
}
