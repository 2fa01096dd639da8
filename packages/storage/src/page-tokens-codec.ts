import { type Token, tokenId } from "@pagewise/core";

/**
 * How a page's tokens are stored (the `pages.tokens` column, before encryption): columns, not one
 * object per token, with the boxes as the bytes of a Float64Array (little-endian, base64).
 *
 * Why: writing a page's tokens was the worker's largest cost after reading (a profile over 80
 * contracts: 26 ms per document on the main thread, most of it `JSON.stringify` printing four
 * 17-digit doubles per token). Columns with binary boxes are exact (every double kept to the bit),
 * ~2.5× faster to write, ~4× faster to read and half the size (so half the encryption and WAL).
 * Ids that follow the usual `"<page>:<index>"` and a confidence shared by every token (1 for a
 * text layer) are not repeated. Rows written before hold a JSON array of tokens and read as ever.
 */
interface StoredColumns {
  v: 2;
  /** null: token i's id is `tokenId(page, i)`. */
  id: string[] | null;
  text: string[];
  box: string;
  /** One number: every token's confidence. */
  confidence: number | number[];
  line: number[];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodePageTokens(tokens: readonly Token[], pageIndex: number): string {
  const n = tokens.length;
  const boxes = new Float64Array(n * 4);
  const text = new Array<string>(n);
  const line = new Array<number>(n);
  const confidence = new Array<number>(n);
  let canonicalIds = true;
  let sameConfidence = true;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    text[i] = t.text;
    line[i] = t.line;
    confidence[i] = t.confidence;
    // `+ 0` turns -0 into 0, as JSON always did.
    boxes[i * 4] = t.box[0] + 0;
    boxes[i * 4 + 1] = t.box[1] + 0;
    boxes[i * 4 + 2] = t.box[2] + 0;
    boxes[i * 4 + 3] = t.box[3] + 0;
    if (canonicalIds && t.id !== tokenId(pageIndex, i)) canonicalIds = false;
    if (t.confidence !== tokens[0]!.confidence) sameConfidence = false;
  }
  const stored: StoredColumns = {
    v: 2,
    id: canonicalIds ? null : tokens.map((t) => t.id),
    text,
    box: floatBytes(boxes).toString("base64"),
    confidence: sameConfidence && n > 0 ? confidence[0]! : confidence,
    line,
  };
  return JSON.stringify(stored);
}

export function decodePageTokens(json: string, pageIndex: number): Token[] {
  const parsed = JSON.parse(json) as Token[] | StoredColumns;
  if (Array.isArray(parsed)) return parsed;
  const boxes = floatsOf(Buffer.from(parsed.box, "base64"));
  const { id, text, confidence, line } = parsed;
  const tokens = new Array<Token>(text.length);
  for (let i = 0; i < text.length; i++) {
    tokens[i] = {
      id: id ? id[i]! : tokenId(pageIndex, i),
      text: text[i]!,
      box: [boxes[i * 4]!, boxes[i * 4 + 1]!, boxes[i * 4 + 2]!, boxes[i * 4 + 3]!],
      confidence: typeof confidence === "number" ? confidence : confidence[i]!,
      line: line[i]!,
    };
  }
  return tokens;
}

function floatBytes(values: Float64Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) out.writeDoubleLE(values[i]!, i * 8);
  return out;
}

function floatsOf(bytes: Buffer): Float64Array {
  const values = new Float64Array(bytes.length / 8);
  if (LITTLE_ENDIAN) {
    // A copy: the decoded buffer's offset need not be a multiple of 8.
    new Uint8Array(values.buffer).set(bytes);
    return values;
  }
  for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  return values;
}
