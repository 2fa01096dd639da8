/** A small line chart as standalone SVG (no dependencies), for benchmark reports. */
export function lineChartSvg(input: {
  title: string;
  xLabel: string;
  yLabel: string;
  points: { x: number; y: number; label?: string; marker?: "promoted" | "rejected" | "none" }[];
  yMax?: number;
}): string {
  const w = 640;
  const h = 360;
  const m = { l: 56, r: 24, t: 40, b: 48 };
  const xs = input.points.map((p) => p.x);
  const xMin = Math.min(0, ...xs);
  const xMax = Math.max(...xs, 1);
  const yMax = input.yMax ?? 1;
  const px = (x: number) => m.l + ((x - xMin) / (xMax - xMin)) * (w - m.l - m.r);
  const py = (y: number) => h - m.b - (y / yMax) * (h - m.t - m.b);
  const path = input.points
    .map((p, i) => `${i ? "L" : "M"}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`)
    .join(" ");
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const y = py(f * yMax);
      return `<line x1="${m.l}" x2="${w - m.r}" y1="${y}" y2="${y}" stroke="#e5e7eb"/><text x="${m.l - 8}" y="${y + 4}" text-anchor="end" font-size="11" fill="#6b7280">${(f * yMax).toFixed(2)}</text>`;
    })
    .join("");
  const dots = input.points
    .map((p) => {
      const color =
        p.marker === "rejected" ? "#dc2626" : p.marker === "promoted" ? "#16a34a" : "#2563eb";
      return `<circle cx="${px(p.x)}" cy="${py(p.y)}" r="4" fill="${color}"/><text x="${px(p.x)}" y="${py(p.y) - 9}" text-anchor="middle" font-size="11" fill="#111827">${p.label ?? p.y.toFixed(3)}</text><text x="${px(p.x)}" y="${h - m.b + 16}" text-anchor="middle" font-size="11" fill="#6b7280">${p.x}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif" role="img">
<title>${input.title}</title>
<rect width="${w}" height="${h}" fill="white"/>
<text x="${m.l}" y="24" font-size="15" font-weight="600" fill="#111827">${input.title}</text>
${grid}
<path d="${path}" fill="none" stroke="#2563eb" stroke-width="2"/>
${dots}
<text x="${(m.l + w - m.r) / 2}" y="${h - 10}" text-anchor="middle" font-size="12" fill="#374151">${input.xLabel}</text>
<text x="16" y="${(m.t + h - m.b) / 2}" text-anchor="middle" font-size="12" fill="#374151" transform="rotate(-90 16 ${(m.t + h - m.b) / 2})">${input.yLabel}</text>
</svg>
`;
}
