import { createInflate, inflateSync } from "node:zlib";
import { PagewiseError } from "@pagewise/core";

/** How much a PDF's compressed streams may inflate to (see `checkPdfStreams`). */
export interface DecodeLimits {
  /** Largest decompressed size of one stream. */
  maxStreamBytes: number;
  /** Decompressed size of all the document's streams together. */
  maxDecodedBytes: number;
}

const STREAM = Buffer.from("stream", "latin1");
const END_STREAM = Buffer.from("endstream", "latin1");
const OBJ = Buffer.from(" obj", "latin1");
/** A stream's dictionary ends just before `stream`; it starts at most this far back. */
const DICT_WINDOW = 16 * 1024;
/** First filter Flate (`/FlateDecode`, or its abbreviation `/Fl` in inline form). */
const FLATE_FIRST = /\/Filter\s*(?:\[\s*)?\/Fl(?:ateDecode)?(?![A-Za-z])/;

/**
 * Refuse a PDF whose Flate streams inflate beyond the limits — a decompression bomb (1 GiB of
 * content in a 1 MB file) — before pdf.js gets it: pdf.js keeps a stream's whole decoded bytes
 * in memory (and doubles its buffer as it grows), so one bomb costs gigabytes and minutes.
 * Counts decoded bytes without keeping them, and stops at the first limit passed. Works on the
 * raw bytes (every `stream … endstream` whose first filter is Flate), so a broken cross-reference
 * table cannot hide a stream. Streams whose first filter is another one, and the streams of an
 * encrypted PDF, are not counted: pdf.js still bounds their images by pixels.
 */
export async function checkPdfStreams(bytes: Uint8Array, limits: DecodeLimits): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 0;
  for (;;) {
    const keyword = buf.indexOf(STREAM, at);
    if (keyword < 0) return;
    at = keyword + STREAM.length;
    // `endstream` contains `stream`; a stream keyword follows `>>` and is followed by an EOL.
    if (buf.subarray(keyword - 3, keyword).toString("latin1") === "end") continue;
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue;
    if (buf[start] === 0x0a) start++;
    const dictFrom = Math.max(0, keyword - DICT_WINDOW);
    const objAt = buf.lastIndexOf(OBJ, keyword);
    const dict = buf.subarray(Math.max(dictFrom, objAt), keyword).toString("latin1");
    const end = buf.indexOf(END_STREAM, start);
    const data = buf.subarray(start, end < 0 ? buf.length : end);
    at = end < 0 ? buf.length : end + END_STREAM.length;
    if (!FLATE_FIRST.test(dict)) continue;
    const room = Math.min(limits.maxStreamBytes, limits.maxDecodedBytes - total);
    const decoded = await inflatedSize(data, room);
    if (decoded > limits.maxStreamBytes) {
      throw tooComplex(
        `A compressed stream of the PDF inflates to more than ${limits.maxStreamBytes} bytes`,
        { maxStreamBytes: limits.maxStreamBytes, offset: keyword },
      );
    }
    total += decoded;
    if (total > limits.maxDecodedBytes) {
      throw tooComplex(
        `The PDF's compressed streams inflate to more than ${limits.maxDecodedBytes} bytes`,
        { maxDecodedBytes: limits.maxDecodedBytes },
      );
    }
  }
}

function tooComplex(message: string, details: Record<string, unknown>): PagewiseError {
  return new PagewiseError("document_too_complex", message, details);
}

/**
 * A stream is first inflated in one synchronous call into at most this many bytes: most of a
 * PDF's streams (content, fonts, small images) decode to less, and a stream through zlib's thread
 * pool costs a round trip each. One that decodes to more is counted again by streaming, so a bomb
 * never takes more than this much memory at once.
 */
const SYNC_INFLATE_BYTES = 8 * 1024 * 1024;

/**
 * Bytes that `data` inflates to, counting up to `limit + 1` and keeping none of them (beyond
 * `SYNC_INFLATE_BYTES` for a moment). A corrupt stream counts what it gave before the error
 * (pdf.js reads that much too).
 */
async function inflatedSize(data: Buffer, limit: number): Promise<number> {
  const cap = Math.min(limit + 1, SYNC_INFLATE_BYTES);
  try {
    const size = inflateSync(data, { maxOutputLength: cap }).length;
    if (size <= limit) return size;
  } catch {
    // Larger than the cap (RangeError), or corrupt or truncated: counted by streaming.
  }
  return inflatedSizeStreaming(data, limit);
}

/** `inflatedSize` through a zlib stream: any size, never more than a chunk held at a time. */
function inflatedSizeStreaming(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    let size = 0;
    const inflate = createInflate({ chunkSize: 256 * 1024 });
    const done = () => {
      inflate.removeAllListeners("data");
      inflate.destroy();
      resolve(size);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) done();
    });
    inflate.on("end", done);
    inflate.on("error", done);
    inflate.end(data);
  });
}
