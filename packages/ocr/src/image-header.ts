import { type MimeType, PagewiseError } from "@pagewise/core";

export interface ImageSize {
  width: number;
  height: number;
}

const corrupt = (why: string) =>
  new PagewiseError("corrupt_image", `The image is unreadable: ${why}`);

/**
 * Pixel size of every page of an image, read from its header alone: a pixel bomb is refused
 * before a single pixel is decoded. PNG and JPEG have one page; a TIFF one per IFD.
 */
export function readImageHeader(
  bytes: Uint8Array,
  mime: Exclude<MimeType, "application/pdf">,
): ImageSize[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === "image/png") return [pngSize(view)];
  if (mime === "image/jpeg") return [jpegSize(view)];
  return tiffSizes(view);
}

function pngSize(view: DataView): ImageSize {
  // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4).
  if (view.byteLength < 24 || view.getUint32(12) !== 0x49484452) throw corrupt("no PNG IHDR");
  return checked(view.getUint32(16), view.getUint32(20));
}

function jpegSize(view: DataView): ImageSize {
  let at = 2;
  while (at + 4 <= view.byteLength) {
    if (view.getUint8(at) !== 0xff) throw corrupt("bad JPEG marker");
    const marker = view.getUint8(at + 1);
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    const length = view.getUint16(at + 2);
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (at + 9 > view.byteLength) break;
      return checked(view.getUint16(at + 7), view.getUint16(at + 5));
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / scan data before any frame
    at += 2 + length;
  }
  throw corrupt("no JPEG frame header");
}

const MAX_TIFF_PAGES = 10_000;

function tiffSizes(view: DataView): ImageSize[] {
  if (view.byteLength < 8) throw corrupt("truncated TIFF header");
  const little = view.getUint16(0) === 0x4949;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const sizes: ImageSize[] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd !== 0) {
    // A loop of IFD offsets is a classic malformed-TIFF hang.
    if (seen.has(ifd) || sizes.length >= MAX_TIFF_PAGES) throw corrupt("looping TIFF directory");
    seen.add(ifd);
    if (ifd + 2 > view.byteLength) throw corrupt("TIFF directory outside the file");
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > view.byteLength) throw corrupt("truncated TIFF directory");
    let width = 0;
    let height = 0;
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const tag = u16(entry);
      if (tag !== 256 && tag !== 257) continue;
      const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8); // SHORT or LONG
      if (tag === 256) width = value;
      else height = value;
    }
    sizes.push(checked(width, height));
    ifd = u32(ifd + 2 + count * 12);
  }
  if (sizes.length === 0) throw corrupt("TIFF without pages");
  return sizes;
}

function checked(width: number, height: number): ImageSize {
  if (!(width > 0 && height > 0)) throw corrupt("zero image size");
  return { width, height };
}
