import type { ModelVersion } from "../../api/types";

export interface QualityPoint {
  version: number;
  score: number | null;
  status: ModelVersion["status"];
  promoted: boolean;
  champion: boolean;
}

/**
 * Model quality over versions: the score of each version (macro F1 or accuracy), promotions as
 * filled dots, rejections as crosses, the current champion ringed.
 */
export function QualityChart({ points, metric }: { points: QualityPoint[]; metric: string }) {
  const width = 560;
  const height = 200;
  const pad = { top: 16, right: 16, bottom: 28, left: 40 };
  const scored = points.filter((p) => p.score !== null);
  const lowest = Math.min(1, ...scored.map((p) => p.score!));
  const floor = Math.max(0, Math.floor((lowest - 0.05) * 10) / 10);
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  // Inset so that the first and last marks keep clear of the axis labels.
  const inset = 24;
  const x = (i: number) =>
    pad.left +
    (points.length === 1 ? innerW / 2 : inset + (i / (points.length - 1)) * (innerW - 2 * inset));
  const y = (v: number) => pad.top + innerH - ((v - floor) / (1 - floor)) * innerH;
  const ticks = [floor, floor + (1 - floor) / 2, 1];
  const line = points
    .map((p, i) => (p.score === null ? null : `${x(i)},${y(p.score)}`))
    .filter(Boolean)
    .join(" ");

  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${metric} per version`}
      data-testid="quality-chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
          <text className="chart-axis" x={pad.left - 6} y={y(t) + 3} textAnchor="end">
            {t.toFixed(2)}
          </text>
        </g>
      ))}
      {line && <polyline className="chart-line" points={line} />}
      {points.map((p, i) => {
        const cx = x(i);
        const label = (
          <text className="chart-axis" x={cx} y={height - 8} textAnchor="middle" key="l">
            v{p.version}
          </text>
        );
        if (p.score === null) return <g key={p.version}>{label}</g>;
        const cy = y(p.score);
        const title = `v${p.version}: ${metric} ${p.score.toFixed(3)} · ${
          p.status === "rejected" ? "rejected by the gate" : p.promoted ? "promoted" : p.status
        }${p.champion ? " · current champion" : ""}`;
        return (
          <g key={p.version} data-version={p.version}>
            {label}
            {p.champion && <circle className="chart-ring" cx={cx} cy={cy} r={9} />}
            {p.status === "rejected" ? (
              <path
                className="chart-reject"
                d={`M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx + 5},${cy - 5}L${cx - 5},${cy + 5}`}
              >
                <title>{title}</title>
              </path>
            ) : (
              <circle
                className={p.promoted ? "chart-dot chart-dot-promoted" : "chart-dot"}
                cx={cx}
                cy={cy}
                r={5}
              >
                <title>{title}</title>
              </circle>
            )}
          </g>
        );
      })}
    </svg>
  );
}

export function QualityLegend() {
  return (
    <div className="legend small muted">
      <span>
        <span className="legend-dot legend-promoted" /> promoted
      </span>
      <span>
        <span className="legend-dot" /> not promoted
      </span>
      <span>
        <span className="legend-cross">×</span> rejected by the gate
      </span>
      <span>
        <span className="legend-ring" /> current champion
      </span>
    </div>
  );
}
