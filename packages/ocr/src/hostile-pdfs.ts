import { constants, createDeflate } from "node:zlib";

/**
 * Hostile PDFs, generated on demand (never committed): the files that once took a worker from
 * 659 MB to 2.4 GB. Each is small on disk and costly to read without the reader's limits.
 */

/** Write a PDF from binary object bodies (object i + 1 is `objects[i]`, object 1 the catalog). */
export function buildBinaryPdf(objects: readonly (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const push = (part: Buffer) => {
    parts.push(part);
    length += part.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n`, "latin1"));
    push(typeof body === "string" ? Buffer.from(body, "latin1") : body);
    push(Buffer.from("\nendobj\n", "latin1"));
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) tail += `${String(offset).padStart(10, "0")} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  push(Buffer.from(tail, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

/** A stream object whose data is `data` (already encoded) with the given extra dictionary. */
function streamObject(data: Buffer, dict = ""): Buffer {
  return Buffer.concat([
    Buffer.from(`<< /Length ${data.length} ${dict} >>\nstream\n`, "latin1"),
    data,
    Buffer.from("\nendstream", "latin1"),
  ]);
}

/** Flate-compressed spaces: `bytes` of content in about `bytes / 1000` on disk. */
async function deflatedSpaces(bytes: number): Promise<Buffer> {
  const chunk = Buffer.alloc(Math.min(bytes, 16 * 1024 * 1024), 0x20);
  const deflate = createDeflate({ level: 9, strategy: constants.Z_RLE });
  const out: Buffer[] = [];
  deflate.on("data", (part: Buffer) => out.push(part));
  const done = new Promise((resolve, reject) => deflate.on("end", resolve).on("error", reject));
  // Never holds `bytes` in memory: the same chunk, written again and again.
  for (let left = bytes; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    if (!deflate.write(part)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}

/**
 * A pages tree of `count` pages with one content stream each (`contents(i)` gives the stream
 * object's bytes), MediaBox `size` points.
 */
function pdfWithPages(
  count: number,
  size: [number, number],
  contents: (i: number) => Buffer,
): Uint8Array {
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${Array.from({ length: count }, (_, i) => `${3 + 2 * i} 0 R`).join(" ")}] /Count ${count} >>`,
  ];
  for (let i = 0; i < count; i++) {
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${size[0]} ${size[1]}] /Resources << >> /Contents ${4 + 2 * i} 0 R >>`,
    );
    objects.push(contents(i));
  }
  return buildBinaryPdf(objects);
}

/** One page whose content stream inflates to `decodedBytes` (1 GiB ≈ 1 MB on disk). */
export async function flateBombPdf(decodedBytes = 1024 * 1024 * 1024): Promise<Uint8Array> {
  const data = await deflatedSpaces(decodedBytes);
  return pdfWithPages(1, [612, 792], () => streamObject(data, "/Filter /FlateDecode"));
}

/**
 * `count` pages whose content streams' compressed data is cut short (`keep` of it): zlib fails
 * at the cut, after inflating what came before, as pdf.js would.
 */
export async function truncatedBombsPdf(
  count: number,
  decodedBytes: number,
  keep = 0.8,
): Promise<Uint8Array> {
  const data = await deflatedSpaces(decodedBytes);
  const cut = data.subarray(0, Math.floor(data.length * keep));
  return pdfWithPages(count, [612, 792], () => streamObject(cut, "/Filter /FlateDecode"));
}

/** A blank page of `points` × `points` PDF points (200000 pt is 70 m). */
export function giantPagePdf(points = 200_000): Uint8Array {
  return pdfWithPages(1, [points, points], () => streamObject(Buffer.from("", "latin1")));
}

/**
 * One page whose content nests `depth` arrays and dictionaries, and `saves` graphics states
 * (pdf.js takes time quadratic in nested `q`: 10000 cost 20 s, bounded by the read timeout).
 */
export function deepNestingPdf(depth = 100_000, saves = 2_000): Uint8Array {
  const content = `${"q ".repeat(saves)}${"[".repeat(depth)}${"]".repeat(depth)} TJ ${"<<".repeat(depth)}${">>".repeat(depth)} ${"Q ".repeat(saves)}`;
  return pdfWithPages(1, [612, 792], () => streamObject(Buffer.from(content, "latin1")));
}

/** `count` pages, each a content stream that inflates to `decodedBytes`: a bomb spread thin. */
export async function manyBombsPdf(
  count = 40,
  decodedBytes = 64 * 1024 * 1024,
): Promise<Uint8Array> {
  const data = await deflatedSpaces(decodedBytes);
  return pdfWithPages(count, [612, 792], () => streamObject(data, "/Filter /FlateDecode"));
}

/** More pages than any limit allows (`count`), each sharing one empty content stream. */
export function manyPagesPdf(count = 20_000): Uint8Array {
  const objects: (string | Buffer)[] = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${Array.from({ length: count }, (_, i) => `${4 + i} 0 R`).join(" ")}] /Count ${count} >>`,
    streamObject(Buffer.from("", "latin1")),
  ];
  for (let i = 0; i < count; i++) {
    objects.push("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>");
  }
  return buildBinaryPdf(objects);
}
