import sharp from "sharp";
import { detectTextDirection } from "./text-direction";
import type { Word } from "./text-tokens";

/** Decoded pixels of a page (3 or 4 channels), the unit that gets turned. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** How pages are turned upright before recognition (measured with bench/ocr-quality.ts --rotated). */
export interface OrientSettings {
  /** Correct quarter turns (90/180/270). */
  orient: boolean;
  /** Straighten a tilt of at least this many degrees (0: never). */
  deskewMinDegrees: number;
  /**
   * A reading whose text quality (see `readingQuality`) reaches this is accepted as upright; below
   * it the other orientations are read too and the best reading wins.
   */
  acceptQuality: number;
}

export const DEFAULT_ORIENT_SETTINGS: OrientSettings = {
  orient: true,
  deskewMinDegrees: 0,
  acceptQuality: 0.75,
};

export async function toRaw(pipeline: sharp.Sharp): Promise<RawImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function fromRaw(image: RawImage): sharp.Sharp {
  const { width, height, channels } = image;
  return sharp(image.data, { raw: { width, height, channels } });
}

/** The image turned `degrees` clockwise; the corners a tilt uncovers are white. */
export async function rotateRaw(image: RawImage, degrees: number): Promise<RawImage> {
  const normalized = ((degrees % 360) + 360) % 360;
  if (normalized === 0) return image;
  return toRaw(fromRaw(image).rotate(normalized, { background: "#ffffff" }));
}

/**
 * How trustworthy a reading looks: the character-weighted mean confidence of its words of 3+
 * letters or digits, where a word standing on end (taller than wide) counts as confidence 0.
 * Text read upside down comes out as low-confidence junk; text lying sideways tesseract often
 * reads well, but as vertical lines — the page is still sideways, so that reading must lose.
 */
export function readingQuality(words: readonly Word[]): number {
  let weight = 0;
  let sum = 0;
  for (const word of words) {
    const letters = word.text.replace(/[^\p{L}\p{N}]/gu, "").length;
    if (letters < 3) continue;
    const [x0, y0, x1, y1] = word.box;
    weight += letters;
    if (x1 - x0 > y1 - y0) sum += letters * word.confidence;
  }
  return weight === 0 ? 0 : sum / weight;
}

export interface Reading {
  words: Word[];
  /** Nothing to read (a blank page): no other orientation is tried. */
  blank?: boolean;
}

export interface OrientedReading<T extends Reading> {
  image: RawImage;
  reading: T;
  /** Degrees the source was turned clockwise (quarter turn plus any tilt correction). */
  rotation: number;
  /** Readings made before one was accepted (1 for an upright page read once). */
  attempts: number;
}

/**
 * Read a page in the orientation its text runs, turning it before recognition. The ink's line
 * profile says whether the page lies sideways and how it tilts (milliseconds); recognition decides
 * upside down: the likeliest orientation is read first, and only a poor reading makes the others
 * read too (the best reading wins). `read` recognizes one oriented image.
 */
export async function readOriented<T extends Reading>(
  source: RawImage,
  settings: OrientSettings,
  read: (image: RawImage) => Promise<T>,
): Promise<OrientedReading<T>> {
  if (!settings.orient && settings.deskewMinDegrees <= 0) {
    return { image: source, reading: await read(source), rotation: 0, attempts: 1 };
  }
  const direction = await detectTextDirection(fromRaw(source));
  const tilt =
    settings.deskewMinDegrees > 0 && Math.abs(direction.skewDegrees) >= settings.deskewMinDegrees
      ? -direction.skewDegrees
      : 0;
  const first = direction.sideways && settings.orient ? 90 : 0;
  // The likely axis first (both ways up, with its tilt), then the other axis.
  const candidates = settings.orient
    ? [first + tilt, first + 180 + tilt, first + 90, first + 270]
    : [tilt];
  let best: (OrientedReading<T> & { quality: number }) | undefined;
  let attempts = 0;
  for (const rotation of candidates) {
    const image = await rotateRaw(source, rotation);
    const reading = await read(image);
    attempts++;
    const quality = readingQuality(reading.words);
    if (!best || quality > best.quality) best = { image, reading, rotation, attempts, quality };
    if (quality >= settings.acceptQuality || reading.blank) break;
  }
  const { quality: _, ...reading } = best!;
  return { ...reading, attempts };
}
