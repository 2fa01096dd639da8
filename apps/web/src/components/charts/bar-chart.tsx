/** Vertical bars with a label under each: small counts over time. Plain SVG, scales to its box. */
export function BarChart({
  data,
  height = 140,
  label,
}: {
  data: { label: string; value: number; title?: string }[];
  height?: number;
  label: string;
}) {
  const width = 560;
  const pad = { top: 14, right: 8, bottom: 22, left: 28 };
  const max = Math.max(1, ...data.map((d) => d.value));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = innerW / Math.max(1, data.length);
  const barW = Math.max(2, step * 0.64);
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="chart-grid" x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} />
          <text className="chart-axis" x={pad.left - 6} y={y(t) + 3} textAnchor="end">
            {t}
          </text>
        </g>
      ))}
      {data.map((d, i) => {
        const x = pad.left + i * step + (step - barW) / 2;
        return (
          <g key={d.label}>
            <rect
              className="chart-bar"
              x={x}
              y={y(d.value)}
              width={barW}
              height={Math.max(0, pad.top + innerH - y(d.value))}
              rx={2}
            >
              <title>{d.title ?? `${d.label}: ${d.value}`}</title>
            </rect>
            {(data.length <= 14 || i % 2 === 0) && (
              <text className="chart-axis" x={x + barW / 2} y={height - 6} textAnchor="middle">
                {d.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
