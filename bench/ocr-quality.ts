// OCR quality on SROIE receipts: how often each ground-truth field appears verbatim in the OCR
// text (whitespace-normalized, case-insensitive), for several preparation/tesseract settings and
// for the native tesseract CLI on the raw scans (the "before"). Run: npx tsx bench/ocr-quality.ts
// Options: --n 40 (receipts), --variants "no upscale,..." (default: all), --threads 2.
// --rotated: instead, each receipt turned 0/90/180/270° (a lossless PNG made with sharp), read
// with page orientation on and off (--variants "orientation on" for one): field hit rates, token F1 against the dataset's own
// transcript, readings per page and s/page. --offset k starts at the k-th receipt (the first 40
// tuned the preparation defaults; e.g. --offset 100 measures on receipts never tuned on).
// --json prints one JSON object (bench/lib/figures.ts) on stdout, the tables on stderr.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { pageText } from "@pagewise/core";
import { DocumentReader, type DocumentReaderOptions } from "@pagewise/ocr";
import { listDataset, mapLimit, printTable } from "./lib/datasets";
import { type Figure, figure, jsonMode, printReport, report } from "./lib/figures";
import { nativeTesseract, sameTessdataDir } from "./lib/native-tesseract";
import { runRotated } from "./lib/rotated-receipts";

const FIELDS = ["company", "date", "address", "total"] as const;

// Each variant changes the reader's defaults (DEFAULT_PREPARE_SETTINGS, DEFAULT_OCR_SETTINGS).
const GRAY = { grayscale: true };
const NO_UPSCALE = { targetDpi: 0 };
const VARIANTS: Record<string, DocumentReaderOptions | "native"> = {
  "native CLI on the JPEG": "native",
  "default (upscaled, colour)": {},
  "no upscale": { prepare: NO_UPSCALE },
  "gray, no upscale": { prepare: { ...GRAY, ...NO_UPSCALE } },
  "gray+normalise, no upscale": { prepare: { ...GRAY, ...NO_UPSCALE, normalise: true } },
  "gray, upscaled": { prepare: GRAY },
  "gray+normalise, upscaled": { prepare: { ...GRAY, normalise: true } },
  "gray, upscaled, psm 6": { prepare: GRAY, ocr: { psm: "6" } },
  "gray+threshold 150": { prepare: { ...GRAY, ...NO_UPSCALE, threshold: 150 } },
  "preserve interword spaces": { ocr: { preserveInterwordSpaces: true } },
};
// The variants' names in the --json figures (stable identifiers).
const VARIANT_IDS: Record<string, string> = {
  "native CLI on the JPEG": "nativeCli",
  "default (upscaled, colour)": "default",
  "no upscale": "noUpscale",
  "gray, no upscale": "grayNoUpscale",
  "gray+normalise, no upscale": "grayNormaliseNoUpscale",
  "gray, upscaled": "grayUpscaled",
  "gray+normalise, upscaled": "grayNormaliseUpscaled",
  "gray, upscaled, psm 6": "grayUpscaledPsm6",
  "gray+threshold 150": "grayThreshold150",
  "preserve interword spaces": "preserveInterwordSpaces",
};

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "40" },
    variants: { type: "string" },
    threads: { type: "string", default: "2" },
    rotated: { type: "boolean", default: false },
    offset: { type: "string", default: "0" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const offset = Number(values.offset);
const receipts = listDataset("sroie", offset + Number(values.n)).slice(offset);
const options = {
  n: receipts.length,
  offset,
  threads: Number(values.threads),
  rotated: values.rotated,
  variants: values.variants ?? "all",
};
if (values.rotated) {
  const figures = await runRotated(receipts, Number(values.threads), values.variants?.split(","));
  printReport(values.json, report("ocr-quality", options, figures));
  process.exit(0);
}
const threads = Number(values.threads);
const chosen = values.variants ? values.variants.split(",") : Object.keys(VARIANTS);

const normalize = (s: string) => s.toUpperCase().replace(/\s+/g, " ").trim();

async function textsOf(
  variant: DocumentReaderOptions | "native",
): Promise<{ texts: string[]; seconds: number[] }> {
  const seconds: number[] = [];
  if (variant === "native") {
    const tessdata = sameTessdataDir();
    const texts = await mapLimit(receipts, threads, async (r, i) => {
      const t = performance.now();
      const text = await nativeTesseract(r.path, tessdata);
      seconds[i] = (performance.now() - t) / 1000;
      return text;
    });
    return { texts, seconds };
  }
  const reader = new DocumentReader({ threads, ...variant });
  try {
    // Warm the threads (tsx, pdf.js, tesseract start-up) outside the timing.
    await mapLimit(receipts.slice(0, threads), threads, (r) =>
      reader.readPage(new Uint8Array(readFileSync(r.path)), "image/jpeg", 0),
    );
    const texts = await mapLimit(receipts, threads, async (r, i) => {
      const bytes = new Uint8Array(readFileSync(r.path));
      const t = performance.now();
      const { page } = await reader.readPage(bytes, "image/jpeg", 0);
      seconds[i] = (performance.now() - t) / 1000;
      return pageText(page);
    });
    return { texts, seconds };
  } finally {
    await reader.close();
  }
}

const rows: (string | number)[][] = [["variant", ...FIELDS, "all 4", "s/page"]];
const measured: { id: string; allRate: number; seconds: number; detail: string }[] = [];
for (const name of chosen) {
  const variant = VARIANTS[name];
  if (!variant)
    throw new Error(`unknown variant ${name}; known: ${Object.keys(VARIANTS).join(", ")}`);
  const { texts, seconds } = await textsOf(variant);
  const hits = FIELDS.map(
    (f) =>
      receipts.filter(
        (r, i) => r.fields[f] && normalize(texts[i]!).includes(normalize(r.fields[f])),
      ).length,
  );
  const withField = FIELDS.map((f) => receipts.filter((r) => r.fields[f]).length);
  const all = receipts.filter((r, i) =>
    FIELDS.every((f) => !r.fields[f] || normalize(texts[i]!).includes(normalize(r.fields[f]))),
  ).length;
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
  const meanSeconds = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  rows.push([
    name,
    ...hits.map((h, k) => pct(h, withField[k]!)),
    pct(all, receipts.length),
    meanSeconds.toFixed(2),
  ]);
  measured.push({
    id: VARIANT_IDS[name]!,
    allRate: all / receipts.length,
    seconds: meanSeconds,
    detail: FIELDS.map((f, k) => `${f} ${pct(hits[k]!, withField[k]!)}`).join(", "),
  });
  // Print as it goes: a full run takes a while on two shared cores.
  console.error(rows[rows.length - 1]!.join("  "));
}
console.log(
  `\nSROIE dev receipts: ${receipts.length}; verbatim hit rate per field; s/page = mean latency per page (${threads} in flight)`,
);
printTable(rows);

// Per variant: the share of receipts with all four fields found verbatim, and the mean seconds
// per page; the baseline of each is the native CLI on the raw JPEG (the "before") when it ran.
const native = measured.find((m) => m.id === "nativeCli");
const figures: Record<string, Figure> = {};
for (const m of measured) {
  const base = m === native ? null : (native ?? null);
  const against = base ? "baseline: the native tesseract CLI on the JPEG" : "no baseline";
  figures[`${m.id}AllFieldsHitRate`] = figure(m.allRate, base?.allRate ?? null, "fraction", {
    note: `${receipts.length} SROIE receipts with all 4 fields verbatim in the text (${m.detail}); ${against}`,
  });
  figures[`${m.id}SecondsPerPage`] = figure(m.seconds, base?.seconds ?? null, "s/page", {
    note: `mean latency per page, ${threads} in flight; ${against}`,
  });
}
printReport(values.json, report("ocr-quality", options, figures));
