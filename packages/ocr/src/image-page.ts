import { type MimeType, PagewiseError } from "@pagewise/core";
import sharp from "sharp";
import { readImageHeader } from "./image-header";

export interface OpenedImage {
  /** A sharp pipeline of the page, EXIF-oriented; clone it before use. */
  pipeline: sharp.Sharp;
  width: number;
  height: number;
  /** Horizontal resolution from the file's metadata, when it has a believable one. */
  dpi: number | undefined;
}

/**
 * Below this a stored resolution is a placeholder, not a scan setting: sharp reports 72 for a JPEG
 * whose JFIF header gives only an aspect ratio (most SROIE receipts), and 72/96 are what software
 * writes when it does not know.
 */
const MIN_BELIEVABLE_DPI = 100;

const corrupt = (error: unknown) =>
  new PagewiseError("corrupt_image", `The image cannot be decoded: ${String(error)}`);

/**
 * Open one page of an image for decoding, after checking its header against `maxPixels` (so a
 * pixel bomb is refused even when `inspectDocument` was skipped).
 */
export async function openImagePage(
  bytes: Uint8Array,
  mime: Exclude<MimeType, "application/pdf">,
  pageIndex: number,
  maxPixels: number,
): Promise<OpenedImage> {
  const sizes = readImageHeader(bytes, mime);
  const size = sizes[pageIndex];
  if (!size) throw new PagewiseError("page_unreadable", `The image has no page ${pageIndex}`);
  if (size.width * size.height > maxPixels) {
    throw new PagewiseError("image_too_large", `The image is ${size.width}×${size.height} pixels`);
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const base = sharp(input, { page: pageIndex, limitInputPixels: maxPixels, failOn: "error" });
  try {
    const meta = await base.metadata();
    // EXIF orientations 5–8 swap width and height.
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? size.height : size.width;
    const height = swap ? size.width : size.height;
    const dpi = meta.density && meta.density >= MIN_BELIEVABLE_DPI ? meta.density : undefined;
    return { pipeline: base.rotate(), width, height, dpi };
  } catch (error) {
    throw corrupt(error);
  }
}

/** The page as PNG at its own pixel size (the display image of an image document). */
export async function encodeImagePng(image: OpenedImage): Promise<Uint8Array> {
  try {
    return new Uint8Array(await image.pipeline.clone().png({ compressionLevel: 6 }).toBuffer());
  } catch (error) {
    throw corrupt(error);
  }
}
