/** One line of daily shares (0–1); a day without a measure (null) is left empty. */
export interface Series {
  name: string;
  className: string;
  points: { day: string; value: number | null; title: string }[];
}

/** A vertical mark at a moment, labeled (a model version that became champion). */
export interface Mark {
  at: string;
  label: string;
  title: string;
}

const DAY = 86_400_000;

/**
 * Daily shares over a time window: each day's value as a level across the part of that day
 * inside the window (a day's figure is not a moment's), joined into a step line, with a dot in
 * its middle; dashed vertical marks where a version changed (marks closer than a few pixels
 * share one label, and labels near the right edge are written leftwards).
 */
export function SeriesChart({
  series,
  marks,
  from,
  to,
  label,
}: {
  series: Series[];
  marks: Mark[];
  from: string;
  to: string;
  label: string;
}) {
  const width = 560;
  const height = 210;
  const pad = { top: 22, right: 16, bottom: 26, left: 40 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const t0 = Date.parse(from);
  const t1 = Math.max(t0 + 1, Date.parse(to));
  const x = (t: number) => pad.left + ((Math.min(t1, Math.max(t0, t)) - t0) / (t1 - t0)) * innerW;
  const y = (v: number) => pad.top + innerH - v * innerH;
  const daySpan = (day: string) => {
    const start = Date.parse(`${day}T00:00:00Z`);
    return [x(start), x(start + DAY)] as const;
  };
  const span = t1 - t0;
  const tickStep = span <= 2 * DAY ? DAY / 4 : span <= 10 * DAY ? DAY : 5 * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(t0 / tickStep) * tickStep; t <= t1; t += tickStep) ticks.push(t);
  const tickFmt = new Intl.DateTimeFormat("en", {
    timeZone: "UTC",
    ...(tickStep < DAY
      ? { hour: "2-digit", minute: "2-digit" }
      : { day: "numeric", month: "short" }),
  });

  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {[0, 0.5, 1].map((v) => (
        <g key={v}>
          <line className="chart-grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
          <text className="chart-axis" x={pad.left - 6} y={y(v) + 3} textAnchor="end">
            {`${v * 100}%`}
          </text>
        </g>
      ))}
      {ticks.map((t) => (
        <text key={t} className="chart-axis" x={x(t)} y={height - 8} textAnchor="middle">
          {tickFmt.format(new Date(t))}
        </text>
      ))}
      {mergeMarks(marks, x).map((m) => {
        const mx = x(Date.parse(m.at));
        const leftwards = mx > width - pad.right - 60;
        return (
          <g key={`${m.at}:${m.label}`} data-testid="version-mark">
            <line className="chart-mark" x1={mx} x2={mx} y1={pad.top - 4} y2={pad.top + innerH}>
              <title>{m.title}</title>
            </line>
            <text
              className="chart-mark-label"
              x={leftwards ? mx - 4 : mx + 4}
              y={pad.top - 8}
              textAnchor={leftwards ? "end" : "start"}
            >
              {m.label}
            </text>
          </g>
        );
      })}
      {series.map((s) => {
        const steps = s.points
          .filter((p) => p.value !== null)
          .flatMap((p) => {
            const [a, b] = daySpan(p.day);
            return [`${a},${y(p.value!)}`, `${b},${y(p.value!)}`];
          });
        return (
          <g key={s.name} className={s.className} data-series={s.name}>
            {steps.length > 0 && (
              <polyline className="chart-series-line" points={steps.join(" ")} />
            )}
            {s.points.map((p) => {
              if (p.value === null) return null;
              const [a, b] = daySpan(p.day);
              return (
                <circle
                  key={p.day}
                  className="chart-series-dot"
                  cx={(a + b) / 2}
                  cy={y(p.value)}
                  r={4}
                >
                  <title>{p.title}</title>
                </circle>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Marks within a few pixels of each other become one, their labels joined. */
function mergeMarks(marks: readonly Mark[], x: (t: number) => number): Mark[] {
  const merged: Mark[] = [];
  for (const m of [...marks].sort((a, b) => a.at.localeCompare(b.at))) {
    const last = merged.at(-1);
    if (last && Math.abs(x(Date.parse(m.at)) - x(Date.parse(last.at))) < 6) {
      merged[merged.length - 1] = {
        at: last.at,
        label: `${last.label}, ${m.label}`,
        title: `${last.title}\n${m.title}`,
      };
    } else merged.push(m);
  }
  return merged;
}
