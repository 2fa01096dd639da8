import type { GateReport } from "../../api/types";

/**
 * The gate report as paired horizontal bars per field: champion (grey) and challenger (accent,
 * red when its drop broke the tolerance), with the overall metric first.
 */
export function GateChart({ report }: { report: GateReport }) {
  const rows = [
    {
      name: report.overall.metric === "macroF1" ? "macro F1" : "accuracy",
      champion: report.overall.champion,
      challenger: report.overall.challenger,
      ok: report.overall.ok,
      overall: true,
    },
    ...report.fields.map((f) => ({ ...f, overall: false })),
    // A classifier's rows are its categories' F1 (the gate itself judges accuracy).
    ...(report.classes ?? []).map((c) => ({
      name: `${c.name} F1`,
      champion: c.champion?.f1 ?? null,
      challenger: c.challenger.f1,
      ok: true,
      overall: false,
    })),
  ];
  const width = 560;
  const rowH = 30;
  const labelW = 140;
  const pad = { top: 8, right: 48, bottom: 20 };
  const height = pad.top + rows.length * rowH + pad.bottom;
  const innerW = width - labelW - pad.right;
  const x = (v: number) => labelW + v * innerW;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="Challenger versus champion per field"
      data-testid="gate-chart"
    >
      {[0, 0.5, 1].map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={x(t)} x2={x(t)} y1={pad.top} y2={height - pad.bottom} />
          <text className="chart-axis" x={x(t)} y={height - 6} textAnchor="middle">
            {t}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const top = pad.top + i * rowH;
        return (
          <g key={r.name}>
            <text
              className={r.overall ? "chart-label chart-label-strong" : "chart-label"}
              x={labelW - 8}
              y={top + rowH / 2 + 4}
              textAnchor="end"
            >
              {r.name}
            </text>
            {r.champion !== null && (
              <rect
                className="chart-bar-champion"
                x={labelW}
                y={top + 5}
                width={Math.max(1, r.champion * innerW)}
                height={9}
                rx={2}
              >
                <title>{`${r.name}: champion ${r.champion.toFixed(3)}`}</title>
              </rect>
            )}
            <rect
              className={r.ok ? "chart-bar" : "chart-bar chart-bar-bad"}
              x={labelW}
              y={top + 15}
              width={Math.max(1, r.challenger * innerW)}
              height={9}
              rx={2}
            >
              <title>{`${r.name}: challenger ${r.challenger.toFixed(3)}`}</title>
            </rect>
            <text
              className="chart-axis"
              x={x(Math.max(r.challenger, r.champion ?? 0)) + 6}
              y={top + 23}
            >
              {r.challenger.toFixed(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
