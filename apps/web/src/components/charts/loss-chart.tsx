/** Lines of a loss chart: each model's losses scaled into the box, epoch 1 at the left. */
export function lossLines(
  losses: Partial<Record<string, number[]>>,
  box: { width: number; height: number },
): { model: string; points: [number, number][] }[] {
  const series = Object.entries(losses).filter(
    (e): e is [string, number[]] => Array.isArray(e[1]) && e[1].length > 0,
  );
  const all = series.flatMap(([, l]) => l.filter((v) => Number.isFinite(v)));
  if (all.length === 0) return [];
  const max = Math.max(...all);
  const min = Math.min(0, ...all);
  const span = max - min || 1;
  const epochs = Math.max(...series.map(([, l]) => l.length));
  const x = (i: number) => (epochs === 1 ? box.width / 2 : (i / (epochs - 1)) * box.width);
  return series.map(([model, l]) => ({
    model,
    points: l.map((v, i) => [x(i), box.height - ((v - min) / span) * box.height]),
  }));
}

/**
 * The training loss per epoch of each model in a run (one line per model), so one can see
 * whether it still learns or has flattened.
 */
export function LossChart({ losses }: { losses: Partial<Record<string, number[]>> }) {
  // The other charts' scale (560 wide), so its words are the same size.
  const width = 560;
  const height = 160;
  const pad = { top: 8, right: 8, bottom: 22, left: 8 };
  const lines = lossLines(losses, {
    width: width - pad.left - pad.right,
    height: height - pad.top - pad.bottom,
  });
  if (lines.length === 0) return null;
  return (
    <figure className="loss-chart" data-testid="loss-chart">
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Training loss per epoch"
      >
        <line
          className="chart-grid"
          x1={pad.left}
          x2={width - pad.right}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
        />
        {lines.map((line) => (
          <polyline
            key={line.model}
            className={`chart-line loss-${line.model}`}
            data-model={line.model}
            data-epochs={line.points.length}
            points={line.points.map(([x, y]) => `${x + pad.left},${y + pad.top}`).join(" ")}
          />
        ))}
        <text className="chart-axis" x={pad.left} y={height - 6}>
          epoch 1
        </text>
        <text className="chart-axis" x={width - pad.right} y={height - 6} textAnchor="end">
          loss per epoch
        </text>
      </svg>
      <figcaption className="legend small muted">
        {lines.map((line) => (
          <span key={line.model}>
            <span className={`legend-swatch loss-swatch-${line.model}`} /> {line.model} (
            {line.points.length} epochs)
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
