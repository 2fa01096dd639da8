import { deflateSync } from "node:zlib";

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A real, fully decodable white PNG of any size, small on disk: 1 bit per pixel, all rows equal,
 * so deflate shrinks 20000 × 20000 pixels (50 MB of rows) to about 50 KB. A pixel bomb for tests.
 */
export function makeSolidPng(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const row = Buffer.alloc(rowBytes, 0xff);
  row[0] = 0; // filter: none
  const raw = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * rowBytes);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(
    Buffer.concat([
      signature,
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(raw, { level: 9 })),
      chunk("IEND", new Uint8Array(0)),
    ]),
  );
}

export {
  deepNestingPdf,
  flateBombPdf,
  giantPagePdf,
  manyBombsPdf,
  manyPagesPdf,
} from "./hostile-pdfs";

/**
 * An image turned `degrees` clockwise (after its EXIF orientation), as a lossless PNG: a rotated
 * scan made at test or bench time from a committed upright one.
 */
export async function turnedPng(bytes: Uint8Array, degrees: number): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const image = sharp(bytes).rotate();
  const turned = await sharp(await image.png().toBuffer())
    .rotate(degrees, { background: "#ffffff" })
    .png()
    .toBuffer();
  return new Uint8Array(turned);
}

/**
 * A white PNG with `lines` of black text (DejaVu Sans through sharp's SVG renderer): a page in a
 * language of our choosing, made at test time.
 */
export async function textImagePng(lines: readonly string[], fontSize = 40): Promise<Uint8Array> {
  const { default: sharp } = await import("sharp");
  const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const width = Math.max(...lines.map((l) => l.length)) * fontSize * 0.62 + 2 * fontSize;
  const height = (lines.length + 1) * fontSize * 1.6;
  const text = lines
    .map(
      (line, i) =>
        `<text x="${fontSize}" y="${(i + 1.3) * fontSize * 1.6}" font-family="DejaVu Sans" font-size="${fontSize}">${xml(line)}</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width)}" height="${Math.round(height)}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

/** Whether two images hold the same pixels (alpha dropped), whatever their encoding. */
export async function samePixels(a: Uint8Array, b: Uint8Array): Promise<boolean> {
  const { default: sharp } = await import("sharp");
  const raw = (png: Uint8Array) => sharp(png).rotate().removeAlpha().raw().toBuffer();
  return (await raw(a)).equals(await raw(b));
}
