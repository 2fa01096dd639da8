import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PagewiseError } from "@pagewise/core";
import type { PDFDocumentProxy } from "pdfjs-dist";

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type GetDocument = Pdfjs["getDocument"];
type DocumentInitParameters = Exclude<
  Parameters<GetDocument>[0],
  string | URL | ArrayBuffer | ArrayBufferView | undefined
>;

const require = createRequire(import.meta.url);
const dist = dirname(require.resolve("pdfjs-dist/package.json"));

let pdfjsPromise: Promise<Pdfjs> | undefined;

/** pdf.js, loaded once per thread on first use (importing it costs ~100 ms). */
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

/**
 * The one place that builds pdf.js options. `isEvalSupported: false` closes CVE-2024-4367 on
 * pdf.js versions that still compile glyphs with `new Function` (5.x no longer does, but the
 * option stays so a downgrade cannot silently reopen it). `maxImageSize` keeps an embedded image
 * from becoming a pixel bomb.
 */
export function pdfDocumentOptions(
  data: Uint8Array,
  maxImagePixels: number,
): DocumentInitParameters & { isEvalSupported: false } {
  return {
    data,
    verbosity: 0,
    isEvalSupported: false,
    maxImageSize: maxImagePixels,
    standardFontDataUrl: join(dist, "standard_fonts/"),
    cMapUrl: join(dist, "cmaps/"),
    cMapPacked: true,
    wasmUrl: join(dist, "wasm/"),
    iccUrl: join(dist, "iccs/"),
  };
}

export interface OpenPdfOptions {
  maxImagePixels?: number;
  /** Injectable so a test can see the exact options pdf.js receives. */
  getDocument?: GetDocument;
}

/** Open a PDF with pdf.js; malformed or encrypted files become stable `PagewiseError`s. */
export async function openPdf(
  bytes: Uint8Array,
  options: OpenPdfOptions = {},
): Promise<PDFDocumentProxy> {
  const getDocument = options.getDocument ?? (await loadPdfjs()).getDocument;
  // pdf.js may take ownership of (detach) the buffer it is given, and refuses a Node Buffer:
  // hand it a plain copy.
  const data = new Uint8Array(bytes);
  let task: ReturnType<GetDocument> | undefined;
  try {
    task = getDocument(pdfDocumentOptions(data, options.maxImagePixels ?? -1));
    return await task.promise;
  } catch (error) {
    void task?.destroy();
    throw pdfOpenError(error);
  }
}

function pdfOpenError(error: unknown): PagewiseError {
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new PagewiseError("encrypted_pdf", "The PDF is encrypted and needs a password");
  }
  return new PagewiseError("corrupt_pdf", `The PDF cannot be opened: ${message}`, { cause: name });
}
