// The --rotated mode of bench/ocr-quality.ts: receipts turned a quarter, half and three
// quarters, read with and without page orientation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pageText } from "@pagewise/core";
import { DocumentReader, type DocumentReaderOptions } from "@pagewise/ocr";
import { turnedPng } from "@pagewise/ocr/testing";
import { datasetsDir, type GtDocument, mapLimit, printTable } from "./datasets";
import { type Figure, figure } from "./figures";

const FIELDS = ["company", "date", "address", "total"] as const;
// Upside down last: reading it as it lies (the junk) is by far the slowest.
const ROTATIONS = [0, 90, 270, 180] as const;
const normalize = (s: string) => s.toUpperCase().replace(/\s+/g, " ").trim();

/** Bag-of-words F1 of our tokens against the dataset's own transcript (upper-cased). */
function tokenF1(ours: string[], truth: string[]): number {
  const counts = new Map<string, number>();
  for (const t of truth) counts.set(t, (counts.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of ours) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      hit++;
      counts.set(t, c - 1);
    }
  }
  if (hit === 0) return 0;
  const p = hit / ours.length;
  const r = hit / truth.length;
  return (2 * p * r) / (p + r);
}

function truthTokens(stem: string): string[] {
  const path = join(datasetsDir(), "sroie", "layout", `${stem}.json`);
  const layout = JSON.parse(readFileSync(path, "utf8")) as {
    pages: { tokens: { text: string }[] }[];
  };
  return layout.pages.flatMap((p) => p.tokens.map((t) => t.text.toUpperCase()));
}

interface Row {
  hits: number[];
  all: number;
  f1: number;
  seconds: number;
  readings: number;
}

async function measure(
  receipts: GtDocument[],
  threads: number,
  options: DocumentReaderOptions,
  rotation: number,
): Promise<Row> {
  // A long time limit: the bench runs on shared, loaded machines too.
  const reader = new DocumentReader({ threads, timeoutMs: 600_000, ...options });
  try {
    const inputs = await mapLimit(receipts, threads, async (r) =>
      rotation === 0
        ? new Uint8Array(readFileSync(r.path))
        : turnedPng(new Uint8Array(readFileSync(r.path)), rotation),
    );
    const mime = rotation === 0 ? "image/jpeg" : "image/png";
    await reader.readPage(inputs[0]!, mime, 0); // warm-up, outside the timing
    const results = await mapLimit(receipts, threads, async (r, i) => {
      const t = performance.now();
      const { page } = await reader.readPage(inputs[i]!, mime, 0);
      const seconds = (performance.now() - t) / 1000;
      const text = normalize(pageText(page));
      const ours = page.tokens.map((t) => t.text.toUpperCase());
      return {
        hits: FIELDS.map((f) => (r.fields[f] && text.includes(normalize(r.fields[f])) ? 1 : 0)),
        f1: tokenF1(ours, truthTokens(r.stem)),
        seconds,
      };
    });
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      hits: FIELDS.map((_, k) => sum(results.map((x) => x.hits[k]!))),
      all: results.filter((x, i) =>
        FIELDS.every((f, k) => !receipts[i]!.fields[f] || x.hits[k] === 1),
      ).length,
      f1: sum(results.map((x) => x.f1)) / results.length,
      seconds: sum(results.map((x) => x.seconds)) / results.length,
      readings: 0,
    };
  } finally {
    await reader.close();
  }
}

/**
 * Prints the table and returns the --json figures: per variant and turn, the token F1, the share
 * of receipts with all four fields found, and s/page, each against the same variant on the
 * upright scans (0°, whose own figures have no baseline).
 */
export async function runRotated(
  receipts: GtDocument[],
  threads: number,
  only?: string[],
): Promise<Record<string, Figure>> {
  const all: Record<string, DocumentReaderOptions> = {
    "orientation off": { orient: { orient: false, deskewMinDegrees: 0 } },
    "orientation on": {},
  };
  const ids: Record<string, string> = {
    "orientation off": "orientationOff",
    "orientation on": "orientationOn",
  };
  const figures: Record<string, Figure> = {};
  const variants = Object.fromEntries(
    Object.entries(all).filter(([name]) => !only || only.includes(name)),
  );
  const withField = FIELDS.map((f) => receipts.filter((r) => r.fields[f]).length);
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
  const rows: (string | number)[][] = [
    ["variant", "turned", ...FIELDS, "all 4", "token F1", "s/page"],
  ];
  for (const [name, options] of Object.entries(variants)) {
    let upright: Row | undefined;
    for (const rotation of ROTATIONS) {
      const row = await measure(receipts, threads, options, rotation);
      if (rotation === 0) upright = row;
      const base = rotation === 0 ? undefined : upright;
      const key = `${ids[name]}Turned${rotation}`;
      const against = base ? `baseline: the same variant (${name}) at 0°` : "no baseline";
      figures[`${key}TokenF1`] = figure(row.f1, base?.f1 ?? null, "F1", {
        note: `mean bag-of-words F1 against the dataset transcript, ${receipts.length} receipts; ${against}`,
      });
      figures[`${key}AllFieldsHitRate`] = figure(
        row.all / receipts.length,
        base ? base.all / receipts.length : null,
        "fraction",
        {
          note: `receipts with all 4 fields verbatim (${FIELDS.map((f, k) => `${f} ${pct(row.hits[k]!, withField[k]!)}`).join(", ")}); ${against}`,
        },
      );
      figures[`${key}SecondsPerPage`] = figure(row.seconds, base?.seconds ?? null, "s/page", {
        note: `mean latency per page, ${threads} in flight; ${against}`,
      });
      rows.push([
        name,
        `${rotation}°`,
        ...row.hits.map((h, k) => pct(h, withField[k]!)),
        pct(row.all, receipts.length),
        row.f1.toFixed(3),
        row.seconds.toFixed(2),
      ]);
      console.error(rows[rows.length - 1]!.join("  "));
    }
  }
  console.log(
    `\nSROIE receipts: ${receipts.length} (${receipts[0]?.stem} …); each turned clockwise; verbatim field hit rates, token F1 vs the dataset transcript, s/page (${threads} in flight)`,
  );
  printTable(rows);
  return figures;
}
