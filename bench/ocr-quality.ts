// OCR quality on SROIE receipts: how often each ground-truth field appears verbatim in the OCR
// text (whitespace-normalized, case-insensitive), for several preparation/tesseract settings and
// for the native tesseract CLI on the raw scans (the "before"). Run: npx tsx bench/ocr-quality.ts
// Options: --n 40 (receipts), --variants raw,prepared,... (default: all), --threads 2.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { pageText } from "@pagewise/core";
import { DocumentReader, type DocumentReaderOptions } from "@pagewise/ocr";
import { listDataset, mapLimit, printTable } from "./lib/datasets";
import { nativeTesseract, sameTessdataDir } from "./lib/native-tesseract";

const FIELDS = ["company", "date", "address", "total"] as const;

const VARIANTS: Record<string, DocumentReaderOptions | "native"> = {
  "native-raw": "native",
  raw: { prepare: { targetDpi: 0, normalise: false } },
  upscaled: { prepare: { normalise: false } },
  "upscaled+norm": {},
  "upscaled+norm psm4": { ocr: { psm: "4" } },
  "upscaled+norm psm6": { ocr: { psm: "6" } },
  "upscaled+norm psm11": { ocr: { psm: "11" } },
  "upscaled+norm+sharpen": { prepare: { sharpen: true } },
  "upscaled+norm+threshold": { prepare: { threshold: 160 } },
  "upscaled+norm spaces": { ocr: { preserveInterwordSpaces: true } },
};

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "40" },
    variants: { type: "string" },
    threads: { type: "string", default: "2" },
  },
});
const receipts = listDataset("sroie", Number(values.n));
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
  rows.push([
    name,
    ...hits.map((h, k) => pct(h, withField[k]!)),
    pct(all, receipts.length),
    (seconds.reduce((a, b) => a + b, 0) / seconds.length).toFixed(2),
  ]);
  console.error(`done ${name}`);
}
console.log(
  `\nSROIE dev receipts: ${receipts.length}; verbatim hit rate per field; s/page = mean latency per page (${threads} in flight)`,
);
printTable(rows);
