/**
 * Two histograms on the same bins, as shares: the reference (grey) and the live window (accent)
 * side by side in each bin, so a shift between them is seen at once.
 */
export function HistogramChart({
  labels,
  reference,
  live,
  label,
}: {
  labels: string[];
  reference: number[];
  live: number[];
  label: string;
}) {
  const width = 560;
  const height = 200;
  const pad = { top: 12, right: 8, bottom: 34, left: 40 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = Math.max(0.25, ...reference, ...live);
  const top = Math.min(1, Math.ceil(max * 4) / 4);
  const y = (v: number) => pad.top + innerH - (v / top) * innerH;
  const step = innerW / Math.max(1, labels.length);
  const barW = Math.min(36, step * 0.36);
  const ticks = [0, top / 2, top];
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="histogram-chart"
    >
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
          <text className="chart-axis" x={pad.left - 6} y={y(t) + 3} textAnchor="end">
            {`${Math.round(t * 100)}%`}
          </text>
        </g>
      ))}
      {labels.map((bin, i) => {
        const center = pad.left + i * step + step / 2;
        const sides = [
          {
            name: "reference",
            value: reference[i] ?? 0,
            className: "chart-bar-champion",
            dx: -barW,
          },
          { name: "live", value: live[i] ?? 0, className: "chart-bar", dx: 0 },
        ];
        return (
          <g key={bin} data-testid="histogram-bin" data-bin={bin}>
            {sides.map((s) => (
              <rect
                key={s.name}
                className={s.className}
                data-side={s.name}
                x={center + s.dx}
                y={y(s.value)}
                width={barW}
                height={Math.max(0, pad.top + innerH - y(s.value))}
                rx={2}
              >
                <title>{`${bin}: ${s.name} ${(s.value * 100).toFixed(1)}%`}</title>
              </rect>
            ))}
            <text className="chart-axis" x={center} y={height - 18} textAnchor="middle">
              {bin}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
