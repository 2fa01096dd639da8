import type { MimeType } from "@pagewise/core";
import { openImagePage } from "./image-page";
import {
  DEFAULT_PREPARE_SETTINGS,
  type OcrImage,
  type PrepareSettings,
  prepareForOcr,
} from "./prepare-image";
import { DEFAULT_READ_LIMITS } from "./read-limits";

/**
 * The exact grayscale image the reader hands tesseract for a page of an image document, in the
 * caller's thread: for benchmarks against other engines and for looking at what OCR sees.
 */
export async function prepareScanForOcr(
  bytes: Uint8Array,
  mime: Exclude<MimeType, "application/pdf">,
  pageIndex = 0,
  settings: PrepareSettings = DEFAULT_PREPARE_SETTINGS,
): Promise<OcrImage> {
  const image = await openImagePage(bytes, mime, pageIndex, DEFAULT_READ_LIMITS.maxPixels);
  return prepareForOcr(image.pipeline, image.width, image.dpi, settings);
}
