import type sharp from "sharp";

/**
 * An 8-bit image as binary PGM (gray) or PPM (colour): tesseract (Leptonica) reads both without
 * decoding work.
 */
export interface OcrImage {
  pgm: Uint8Array;
  width: number;
  height: number;
  /** Its resolution, when known (the source's, times any upscaling): tesseract is told it. */
  dpi: number | undefined;
  /** Nothing but one flat tone (a blank page): there is nothing to recognize. */
  blank: boolean;
}

/** How scans are prepared for tesseract (measured with bench/ocr-quality.ts). */
export interface PrepareSettings {
  /** Convert to gray here; false hands tesseract the colours to convert with its own weights. */
  grayscale: boolean;
  /** Bring low-resolution scans up to this resolution; 0 leaves the size alone. */
  targetDpi: number;
  /** Without a believable DPI in the file, treat a scan narrower than this as low-resolution. */
  minWidthWithoutDpi: number;
  /** Stretch the gray levels to the full range (faded thermal receipts). */
  normalise: boolean;
  /** Unsharp mask after upscaling. */
  sharpen: boolean;
  /** Binarize at this gray level (0–255); undefined leaves the grays to tesseract's own Otsu. */
  threshold: number | undefined;
}

/**
 * Measured on 40 SROIE receipts (bench/ocr-quality.ts): contrast stretching and our own gray
 * conversion cost recognition; upscaling low-resolution scans to 300 dpi makes more receipts
 * fully readable (all four fields) at a small cost on company names.
 */
export const DEFAULT_PREPARE_SETTINGS: PrepareSettings = {
  grayscale: false,
  targetDpi: 300,
  minWidthWithoutDpi: 1000,
  normalise: false,
  sharpen: false,
  threshold: undefined,
};

/** Never upscale more than this (a tiny thumbnail does not become readable by blowing it up). */
const MAX_UPSCALE = 4;

/** How much to enlarge a `width`-pixel-wide image at `sourceDpi` (if known) for OCR. */
export function upscaleFactor(
  width: number,
  sourceDpi: number | undefined,
  settings: PrepareSettings,
): number {
  if (settings.targetDpi <= 0) return 1;
  const factor =
    sourceDpi !== undefined && sourceDpi >= 50 && sourceDpi <= 1200
      ? settings.targetDpi / sourceDpi
      : settings.minWidthWithoutDpi / width;
  return Math.min(MAX_UPSCALE, Math.max(1, factor));
}

/**
 * Prepare an image for tesseract as `settings` say (by default: upscaled to an effective ~300 dpi,
 * colours left to tesseract). `input` is a sharp pipeline of the (already oriented) page image.
 */
export async function prepareForOcr(
  input: sharp.Sharp,
  width: number,
  sourceDpi: number | undefined,
  settings: PrepareSettings = DEFAULT_PREPARE_SETTINGS,
): Promise<OcrImage> {
  if (await isBlank(input)) {
    return { pgm: new Uint8Array(0), width, height: 1, dpi: sourceDpi, blank: true };
  }
  const factor = upscaleFactor(width, sourceDpi, settings);
  const gray = settings.grayscale || settings.threshold !== undefined;
  // Rendered PDF pages are RGBA: drop alpha first so gray is one band and colour three.
  let pipeline = input.clone().removeAlpha();
  if (gray) pipeline = pipeline.grayscale();
  if (factor > 1.05) {
    pipeline = pipeline.resize({ width: Math.round(width * factor), kernel: "lanczos3" });
  }
  if (settings.normalise) pipeline = pipeline.normalise();
  if (settings.sharpen) pipeline = pipeline.sharpen({ sigma: 1 });
  if (settings.threshold !== undefined) pipeline = pipeline.threshold(settings.threshold);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const dpi = sourceDpi === undefined ? undefined : Math.round((sourceDpi * info.width) / width);
  return { ...toPnm(data, info.width, info.height, info.channels), dpi, blank: false };
}

/** True when an image is one flat tone (measured before any contrast stretch). */
async function isBlank(input: sharp.Sharp): Promise<boolean> {
  const { channels } = await input.clone().grayscale().stats();
  const gray = channels[0];
  return gray !== undefined && gray.max - gray.min < 16;
}

function toPnm(
  data: Buffer,
  width: number,
  height: number,
  channels: number,
): Omit<OcrImage, "blank" | "dpi"> {
  // sharp keeps one band for gray, three for colour (alpha removed above).
  const magic = channels === 1 ? "P5" : "P6";
  const header = Buffer.from(`${magic}\n${width} ${height}\n255\n`, "ascii");
  const pgm = new Uint8Array(header.length + data.length);
  pgm.set(header, 0);
  pgm.set(data, header.length);
  return { pgm, width, height };
}
