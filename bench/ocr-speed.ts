// Reading speed, each against a baseline in the same run. Run: npx tsx bench/ocr-speed.ts
//  1. OCR seconds per page: tesseract.js (our OcrEngine) vs the native tesseract CLI
//     (OMP_THREAD_LIMIT=1) on the SAME prepared image with the SAME traineddata and settings,
//     plus our whole DocumentReader.readPage (decode, prepare, OCR, display PNG) — one page at a time.
//  2. Text PDFs: raw pdf.js text extraction pages/s (open + getTextContent, one thread) vs
//     readPdfTextLayer (ours, same thread) vs DocumentReader.readPage over a pool of 2 threads.
// Options: --receipts 10, --pdfs 40, --only text|ocr, --json. Datasets from env PAGEWISE_DATASETS (default /work/shared/data).
// --json prints one JSON object (bench/lib/figures.ts) on stdout, the tables on stderr.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_OCR_SETTINGS,
  DocumentReader,
  OcrEngine,
  openPdf,
  prepareScanForOcr,
  readPdfTextLayer,
} from "@pagewise/ocr";
import { listDataset, mapLimit, printTable } from "./lib/datasets";
import { type Figure, figure, jsonMode, median, printReport, report } from "./lib/figures";
import { nativeTesseract, sameTessdataDir } from "./lib/native-tesseract";

const { values } = parseArgs({
  options: {
    receipts: { type: "string", default: "10" },
    pdfs: { type: "string", default: "40" },
    only: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
jsonMode(values.json);
const figures: Record<string, Figure> = {};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const value = await fn();
  return [value, (performance.now() - t) / 1000];
};

async function ocrSpeed(): Promise<void> {
  const receipts = listDataset("sroie", Number(values.receipts));
  const tessdata = sameTessdataDir();
  const tmp = mkdtempSync(join(tmpdir(), "pagewise-ocr-speed-"));
  const engine = new OcrEngine("eng", 1_000, DEFAULT_OCR_SETTINGS);
  const reader = new DocumentReader({ threads: 1 });
  const rows: (string | number)[][] = [
    ["receipt", "pixels", "tesseract.js", "native CLI", "js/native", "readPage"],
  ];
  const js: number[] = [];
  const native: number[] = [];
  const whole: number[] = [];
  try {
    // Start-up (wasm, language data, threads) is paid once per worker: keep it out of the figures.
    const warm = new Uint8Array(readFileSync(receipts[0]!.path));
    await engine.recognize(await prepareScanForOcr(warm, "image/jpeg"));
    await reader.readPage(warm, "image/jpeg", 0);
    for (const r of receipts) {
      const bytes = new Uint8Array(readFileSync(r.path));
      const image = await prepareScanForOcr(bytes, "image/jpeg");
      const pgmPath = join(tmp, `${r.stem}.pgm`);
      writeFileSync(pgmPath, image.pgm);
      const [, tJs] = await time(() => engine.recognize(image));
      const [, tNative] = await time(() =>
        nativeTesseract(pgmPath, tessdata, {
          psm: DEFAULT_OCR_SETTINGS.psm,
          dpi: image.dpi,
        }),
      );
      const [, tWhole] = await time(() => reader.readPage(bytes, "image/jpeg", 0));
      js.push(tJs);
      native.push(tNative);
      whole.push(tWhole);
      rows.push([
        r.stem,
        `${image.width}×${image.height}`,
        tJs.toFixed(2),
        tNative.toFixed(2),
        (tJs / tNative).toFixed(2),
        tWhole.toFixed(2),
      ]);
    }
  } finally {
    await engine.close();
    await reader.close();
  }
  rows.push([
    "mean",
    "",
    mean(js).toFixed(2),
    mean(native).toFixed(2),
    (mean(js) / mean(native)).toFixed(2),
    mean(whole).toFixed(2),
  ]);
  console.log(
    "\nOCR seconds per page (SROIE receipts prepared as the reader does; one page at a time, 1 thread)",
  );
  printTable(rows);
  const spread = (xs: number[]) =>
    `min ${Math.min(...xs).toFixed(2)}, median ${median(xs).toFixed(2)}`;
  figures.ocrSecondsPerPage = figure(mean(js), mean(native), "s/page", {
    note: `tesseract.js (OcrEngine), mean of ${js.length} SROIE receipts (${spread(js)}), one page at a time; baseline: the native tesseract CLI on the same prepared image and traineddata (${spread(native)})`,
  });
  figures.readPageSecondsPerPage = figure(mean(whole), null, "s/page", {
    note: `DocumentReader.readPage (decode, prepare, OCR, display PNG), mean of ${whole.length} receipts (${spread(whole)}), 1 thread`,
  });
}

async function textSpeed(): Promise<void> {
  const n = Number(values.pdfs);
  const docs = [...listDataset("zugferd"), ...listDataset("kleister_nda")].slice(0, n);
  const files = docs.map((d) => new Uint8Array(readFileSync(d.path)));

  const rawPdfjs = async () => {
    let count = 0;
    for (const bytes of files) {
      const doc = await openPdf(bytes);
      for (let i = 1; i <= doc.numPages; i++) {
        const page = await doc.getPage(i);
        await page.getTextContent();
        page.cleanup();
        count++;
      }
      await doc.destroy();
    }
    return count;
  };
  const ours = async () => {
    for (const bytes of files) await readPdfTextLayer(bytes);
  };
  // First passes load pdf.js, fonts and warm the JIT: time the second pass of each.
  await rawPdfjs();
  await ours();
  const [pages, tRaw] = await time(rawPdfjs);
  const [, tOurs] = await time(ours);

  const reader = new DocumentReader({ threads: 2 });
  let ocrPages = 0;
  const pooled = (concurrency: number) =>
    mapLimit(files, concurrency, async (bytes) => {
      const { mime, pageCount } = await reader.inspect(bytes);
      for (let i = 0; i < pageCount; i++) {
        const { page } = await reader.readPage(bytes, mime, i);
        if (page.source === "ocr") ocrPages++;
      }
    });
  try {
    await pooled(2); // start the threads and warm them
    ocrPages = 0;
    const [, tPool2] = await time(() => pooled(2));
    const [, tPool8] = await time(() => pooled(8));
    console.log(`\nText PDFs: ${files.length} documents (ZUGFeRD + Kleister NDA), ${pages} pages`);
    printTable([
      ["reader (warm)", "pages/s", "ms/page"],
      [
        "raw pdf.js: open + getTextContent, 1 thread",
        (pages / tRaw).toFixed(1),
        ((1000 * tRaw) / pages).toFixed(1),
      ],
      [
        "readPdfTextLayer (tokens, lines), 1 thread",
        (pages / tOurs).toFixed(1),
        ((1000 * tOurs) / pages).toFixed(1),
      ],
      [
        "DocumentReader inspect + readPage, 2 threads, 2 docs at once",
        (pages / tPool2).toFixed(1),
        ((1000 * tPool2) / pages).toFixed(1),
      ],
      [
        "DocumentReader inspect + readPage, 2 threads, 8 docs at once",
        (pages / tPool8).toFixed(1),
        ((1000 * tPool8) / pages).toFixed(1),
      ],
    ]);
    console.log(`(pages that needed OCR: ${ocrPages / 2})`);
    const baseline = `baseline: raw pdf.js open + getTextContent, 1 thread (${(pages / tRaw).toFixed(1)} pages/s)`;
    const of = `${pages} pages of ${files.length} text PDFs, second (warm) pass`;
    figures.textLayerPagesPerSecond = figure(pages / tOurs, pages / tRaw, "pages/s", {
      note: `readPdfTextLayer (tokens, lines), 1 thread; ${of}; ${baseline}`,
    });
    figures.readerPagesPerSecond = figure(pages / tPool2, pages / tRaw, "pages/s", {
      note: `DocumentReader inspect + readPage, 2 threads, 2 documents at once; ${of}; ${baseline}`,
    });
    figures.readerPagesPerSecond8Docs = figure(pages / tPool8, pages / tRaw, "pages/s", {
      note: `DocumentReader inspect + readPage, 2 threads, 8 documents at once; ${of}; ${baseline}`,
    });
  } finally {
    await reader.close();
  }
}

if (values.only !== "ocr") await textSpeed();
if (values.only !== "text") await ocrSpeed();
printReport(
  values.json,
  report(
    "ocr-speed",
    {
      receipts: Number(values.receipts),
      pdfs: Number(values.pdfs),
      only: values.only ?? "text,ocr",
    },
    figures,
  ),
);
