// Reading speed, each against a baseline in the same run. Run: npx tsx bench/ocr-speed.ts
//  1. OCR seconds per page: tesseract.js (our OcrEngine) vs the native tesseract CLI
//     (OMP_THREAD_LIMIT=1) on the SAME prepared image with the SAME traineddata and settings,
//     plus our whole DocumentReader.readPage (decode, prepare, OCR, display PNG) — one page at a time.
//  2. Text PDFs: raw pdf.js text extraction pages/s (open + getTextContent, one thread) vs
//     readPdfTextLayer (ours, same thread) vs DocumentReader.readPage over a pool of 2 threads.
// Options: --receipts 10, --pdfs 40. Datasets from env PAGEWISE_DATASETS (default /work/shared/data).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_OCR_SETTINGS,
  DocumentReader,
  inspectDocument,
  OcrEngine,
  openPdf,
  prepareScanForOcr,
  readPdfTextLayer,
} from "@pagewise/ocr";
import { listDataset, printTable } from "./lib/datasets";
import { nativeTesseract, sameTessdataDir } from "./lib/native-tesseract";

const { values } = parseArgs({
  options: { receipts: { type: "string", default: "10" }, pdfs: { type: "string", default: "40" } },
});

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
}

async function textSpeed(): Promise<void> {
  const n = Number(values.pdfs);
  const docs = [...listDataset("zugferd"), ...listDataset("kleister_nda")].slice(0, n);
  const files = docs.map((d) => new Uint8Array(readFileSync(d.path)));

  const [pages, tRaw] = await time(async () => {
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
  });
  const [, tOurs] = await time(async () => {
    for (const bytes of files) await readPdfTextLayer(bytes);
  });
  const reader = new DocumentReader({ threads: 2 });
  let ocrPages = 0;
  try {
    await reader.readPage(files[0]!, "application/pdf", 0); // start the threads
    await reader.readPage(files[1]!, "application/pdf", 0);
    const [, tPool] = await time(async () => {
      await Promise.all(
        files.map(async (bytes) => {
          const { pageCount } = await inspectDocument(bytes);
          for (let i = 0; i < pageCount; i++) {
            const { page } = await reader.readPage(bytes, "application/pdf", i);
            if (page.source === "ocr") ocrPages++;
          }
        }),
      );
    });
    console.log(`\nText PDFs: ${files.length} documents (ZUGFeRD + Kleister NDA), ${pages} pages`);
    printTable([
      ["reader", "pages/s", "ms/page"],
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
        `DocumentReader.readPage, 2 threads (${ocrPages} pages needed OCR)`,
        (pages / tPool).toFixed(1),
        ((1000 * tPool) / pages).toFixed(1),
      ],
    ]);
  } finally {
    await reader.close();
  }
}

await textSpeed();
await ocrSpeed();
