import { mkdtempSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PagewiseError } from "@pagewise/core";
import {
  createWorker,
  OEM,
  type Page,
  type PSM,
  type Worker as TesseractWorker,
} from "tesseract.js";
import type { OcrImage } from "./prepare-image";
import type { Word } from "./text-tokens";

const require = createRequire(import.meta.url);

/** Tesseract settings that measurably help on scans (see bench/ocr-quality.ts). */
export interface OcrSettings {
  /** Page segmentation mode; 3 = fully automatic, 4 = one column, 6 = one block, 11 = sparse. */
  psm: string;
  /** Resolution assumed for images that do not carry one; 0 lets tesseract estimate it from the text. */
  fallbackDpi: number;
  preserveInterwordSpaces: boolean;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = {
  psm: "3",
  fallbackDpi: 0,
  preserveInterwordSpaces: false,
};

/** The `<code>.traineddata.gz` of a `@tesseract.js-data/<code>` package (offline). */
function languageFile(code: string): string {
  try {
    const dir = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    return join(dir, "4.0.0_best_int", `${code}.traineddata.gz`);
  } catch {
    throw new PagewiseError("ocr_failed", `No OCR language data for "${code}"`, { language: code });
  }
}

/**
 * A folder holding `<code>.traineddata.gz` for every language of "eng+deu": tesseract.js reads
 * all languages from one `langPath`. One language uses its package folder as it is; several get a
 * temporary folder of symlinks. (Passing the data in memory would avoid the folder, but
 * tesseract.js 7 then initializes with the data in place of the language code.)
 */
function languageDir(languages: string): string {
  const codes = languages.split("+");
  const files = codes.map(languageFile);
  if (files.length === 1) return dirname(files[0]!);
  const dir = mkdtempSync(join(tmpdir(), "pagewise-tessdata-"));
  for (const [i, code] of codes.entries()) {
    symlinkSync(files[i]!, join(dir, `${code}.traineddata.gz`));
  }
  return dir;
}

/**
 * An image larger than this (pixels; A3 at 300 dpi is 17 M) grows tesseract's wasm heap for
 * good: the worker is replaced right after it.
 */
const RECYCLE_AFTER_PIXELS = 20_000_000;

/**
 * One tesseract.js worker, created lazily and replaced every `recycleAfterPages` pages, and after
 * any very large image: its wasm heap only grows, and creating a new one costs half a second.
 */
export class OcrEngine {
  private worker: Promise<TesseractWorker> | undefined;
  private pagesOnWorker = 0;
  private readonly langPath: string;

  constructor(
    private readonly languages: string,
    private readonly recycleAfterPages: number,
    private readonly settings: OcrSettings = DEFAULT_OCR_SETTINGS,
  ) {
    this.langPath = languageDir(languages);
  }

  /** Recognize a prepared image; word boxes come back in that image's pixels. */
  async recognize(image: OcrImage): Promise<Word[]> {
    if (this.pagesOnWorker >= this.recycleAfterPages) await this.close();
    this.worker ??= this.start();
    const worker = await this.worker;
    this.pagesOnWorker++;
    let data: Page;
    try {
      // The true resolution, never a made-up one: telling tesseract 300 dpi for a 150 dpi scan
      // costs recognition (measured on SROIE).
      await worker.setParameters({
        user_defined_dpi: String(image.dpi ?? this.settings.fallbackDpi),
      });
      ({ data } = await worker.recognize(
        Buffer.from(image.pgm),
        {},
        { text: false, blocks: true },
      ));
    } catch (error) {
      // A failed recognition can leave the worker in a bad state: start afresh next time.
      await this.close();
      throw new PagewiseError("ocr_failed", `OCR failed: ${String(error)}`);
    }
    if (image.width * image.height > RECYCLE_AFTER_PIXELS) await this.close();
    return pageWords(data);
  }

  private async start(): Promise<TesseractWorker> {
    const worker = await createWorker(this.languages, OEM.LSTM_ONLY, {
      langPath: this.langPath,
      cacheMethod: "none",
      gzip: true,
    });
    await worker.setParameters({
      tessedit_pageseg_mode: this.settings.psm as PSM,
      preserve_interword_spaces: this.settings.preserveInterwordSpaces ? "1" : "0",
      // Tesseract's diagnostics ("Detected 65 diacritics") go nowhere instead of our stderr.
      debug_file: "/dev/null",
    });
    this.pagesOnWorker = 0;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await (await worker.catch(() => undefined))?.terminate();
  }
}

/**
 * Words from tesseract's block tree. Every word of a tesseract line gets that line's baseline at
 * its middle, so a line stays together when lines are regrouped across blocks.
 */
function pageWords(page: Page): Word[] {
  const words: Word[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const baseline = (line.baseline.y0 + line.baseline.y1) / 2;
        const size = Math.max(1, line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0);
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === "") continue;
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({
            text,
            box: [x0, y0, x1, y1],
            baseline: Number.isFinite(baseline) && baseline > 0 ? baseline : y1,
            size,
            confidence: word.confidence / 100,
            spaceBefore: true,
            spaceAfter: true,
          });
        }
      }
    }
  }
  return words;
}
