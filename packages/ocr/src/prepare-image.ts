import type sharp from "sharp";

/** An 8-bit grayscale image as binary PGM: tesseract (Leptonica) reads it without decoding work. */
export interface OcrImage {
  pgm: Uint8Array;
  width: number;
  height: number;
  /** Nothing but one flat tone (a blank page): there is nothing to recognize. */
  blank: boolean;
}

export interface PrepareOptions {
  /** The resolution the source is at, when known (image metadata, or the PDF render scale). */
  sourceDpi: number | undefined;
  /** The resolution to bring small scans up to. */
  targetDpi: number;
}

export const DEFAULT_PREPARE: PrepareOptions = { sourceDpi: undefined, targetDpi: 300 };

/** Never upscale more than this (a tiny thumbnail does not become readable by blowing it up). */
const MAX_UPSCALE = 4;
/** Without a believable DPI, assume a scan narrower than this is low-resolution. */
const MIN_WIDTH_WITHOUT_DPI = 1000;

/** How much to enlarge a `width`-pixel-wide image so that it reaches the target resolution. */
export function upscaleFactor(width: number, options: PrepareOptions): number {
  const dpi = options.sourceDpi;
  if (dpi !== undefined && dpi >= 50 && dpi <= 1200) {
    return Math.min(MAX_UPSCALE, Math.max(1, options.targetDpi / dpi));
  }
  return Math.min(MAX_UPSCALE, Math.max(1, MIN_WIDTH_WITHOUT_DPI / width));
}

/**
 * Prepare an image for tesseract: grayscale, upscaled to an effective ~300 dpi, contrast
 * stretched. `input` is a sharp pipeline of the (already oriented) page image.
 */
export async function prepareForOcr(
  input: sharp.Sharp,
  width: number,
  options: PrepareOptions = DEFAULT_PREPARE,
): Promise<OcrImage> {
  const factor = upscaleFactor(width, options);
  if (await isBlank(input)) return { pgm: new Uint8Array(0), width, height: 1, blank: true };
  let pipeline = input.clone().grayscale();
  if (factor > 1.05)
    pipeline = pipeline.resize({ width: Math.round(width * factor), kernel: "lanczos3" });
  pipeline = pipeline.normalise();
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
