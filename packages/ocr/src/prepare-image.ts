import type sharp from "sharp";

/** An 8-bit grayscale image as binary PGM: tesseract (Leptonica) reads it without decoding work. */
export interface OcrImage {
  pgm: Uint8Array;
  width: number;
  height: number;
  /** Nothing but one flat tone (a blank page): there is nothing to recognize. */
  blank: boolean;
}

/** How scans are prepared for tesseract (measured with bench/ocr-quality.ts). */
export interface PrepareSettings {
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

export const DEFAULT_PREPARE_SETTINGS: PrepareSettings = {
  targetDpi: 300,
  minWidthWithoutDpi: 1000,
  normalise: true,
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
 * Prepare an image for tesseract: grayscale, upscaled to an effective ~300 dpi, contrast
 * stretched. `input` is a sharp pipeline of the (already oriented) page image.
 */
export async function prepareForOcr(
  input: sharp.Sharp,
  width: number,
  sourceDpi: number | undefined,
  settings: PrepareSettings = DEFAULT_PREPARE_SETTINGS,
): Promise<OcrImage> {
  if (await isBlank(input)) return { pgm: new Uint8Array(0), width, height: 1, blank: true };
  const factor = upscaleFactor(width, sourceDpi, settings);
  let pipeline = input.clone().grayscale();
  if (factor > 1.05) {
    pipeline = pipeline.resize({ width: Math.round(width * factor), kernel: "lanczos3" });
  }
  if (settings.normalise) pipeline = pipeline.normalise();
  if (settings.sharpen) pipeline = pipeline.sharpen({ sigma: 1 });
  if (settings.threshold !== undefined) pipeline = pipeline.threshold(settings.threshold);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { ...toPgm(data, info.width, info.height, info.channels), blank: false };
}

/** True when an image is one flat tone (measured before any contrast stretch). */
async function isBlank(input: sharp.Sharp): Promise<boolean> {
  const { channels } = await input.clone().grayscale().stats();
  const gray = channels[0];
  return gray !== undefined && gray.max - gray.min < 16;
}

function toPgm(
  data: Buffer,
  width: number,
  height: number,
  channels: number,
): Omit<OcrImage, "blank"> {
  let gray: Uint8Array = data;
  if (channels !== 1) {
    gray = new Uint8Array(width * height);
    for (let i = 0; i < gray.length; i++) gray[i] = data[i * channels]!;
  }
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, "ascii");
  const pgm = new Uint8Array(header.length + gray.length);
  pgm.set(header, 0);
  pgm.set(gray, header.length);
  return { pgm, width, height };
}
