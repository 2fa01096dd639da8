/** As the monitoring endpoint judges a signal. */
export type DriftStatus = "ok" | "warn" | "alert";

export interface DriftBar {
  name: string;
  label: string;
  psi: number;
  status: DriftStatus;
  title: string;
}

/**
 * PSI per signal as horizontal bars coloured by status, with the warn and alert thresholds as
 * vertical lines. The scale reaches a little past the alert threshold; a larger PSI runs to the
 * edge with its value written beside it.
 */
export function DriftChart({
  bars,
  warnPsi,
  alertPsi,
  onSelect,
  selected,
}: {
  bars: DriftBar[];
  warnPsi: number;
  alertPsi: number;
  onSelect?: (name: string) => void;
  selected?: string | undefined;
}) {
  const width = 560;
  const rowH = 22;
  const labelW = 170;
  const pad = { top: 20, right: 56, bottom: 8 };
  const height = pad.top + bars.length * rowH + pad.bottom;
  const innerW = width - labelW - pad.right;
  const max = Math.max(alertPsi * 1.6, warnPsi * 2);
  const x = (v: number) => labelW + (Math.min(v, max) / max) * innerW;
  const thresholds = [
    { value: warnPsi, name: "warn", className: "chart-threshold-warn" },
    { value: alertPsi, name: "alert", className: "chart-threshold-alert" },
  ];
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="Drift (PSI) per signal against the warn and alert thresholds"
      data-testid="drift-chart"
    >
      {bars.map((b, i) => {
        const top = pad.top + i * rowH;
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: the select next to the chart is the keyboard way
          <g
            key={b.name}
            data-testid="drift-bar"
            data-signal={b.name}
            data-status={b.status}
            className={b.name === selected ? "chart-row chart-row-selected" : "chart-row"}
            onClick={() => onSelect?.(b.name)}
          >
            <text className="chart-label" x={labelW - 8} y={top + rowH / 2 + 4} textAnchor="end">
              {b.label}
            </text>
            <rect
              className={`chart-drift chart-drift-${b.status}`}
              x={labelW}
              y={top + 5}
              width={Math.max(1.5, x(b.psi) - labelW)}
              height={rowH - 10}
              rx={2}
            >
              <title>{b.title}</title>
            </rect>
            <text className="chart-axis" x={x(b.psi) + 5} y={top + rowH / 2 + 4}>
              {b.psi.toFixed(3)}
            </text>
          </g>
        );
      })}
      {thresholds.map((t) => (
        <g key={t.name}>
          <line
            className={t.className}
            x1={x(t.value)}
            x2={x(t.value)}
            y1={pad.top - 4}
            y2={height - pad.bottom}
          />
          <text className="chart-axis" x={x(t.value)} y={pad.top - 8} textAnchor="middle">
            {`${t.name} ${t.value}`}
          </text>
        </g>
      ))}
    </svg>
  );
}
