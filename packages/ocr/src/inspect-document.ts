import { type EInvoice, type MimeType, PagewiseError, sniffMimeType } from "@pagewise/core";
import { checkPdfStreams } from "./check-pdf-streams";
import { parseEInvoice } from "./einvoice/parse-einvoice";
import { readEmbeddedEInvoice } from "./einvoice/read-embedded-einvoice";
import { readImageHeader } from "./image-header";
import { openPdf } from "./pdfjs";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
import { withTimeout } from "./with-timeout";

export interface DocumentInfo {
  mime: MimeType;
  /** 0 for an XML e-invoice: it has no pages. */
  pageCount: number;
  /** The structured invoice: an XML upload, or the XML a ZUGFeRD / Factur-X PDF embeds. */
  einvoice: EInvoice | null;
}

/**
 * Decide whether a file is worth reading, before any page is: its type by magic bytes, its size,
 * its page count, and for images the pixel size from the header (never decoded here). Throws a
 * `PagewiseError` with a stable code otherwise. Runs pdf.js in the caller's thread (opening is
 * cheap); `DocumentReader.inspect` runs the same in a pool thread that a hang cannot block.
 */
export async function inspectDocument(
  bytes: Uint8Array,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  options: {
    timeoutMs?: number;
    /** How to count a PDF's pages; a reader thread passes one that keeps the document open. */
    countPdfPages?: (bytes: Uint8Array, limits: ReadLimits) => Promise<number>;
    /** How to read a PDF's embedded e-invoice; a reader thread passes one using its open PDF. */
    readPdfEInvoice?: (bytes: Uint8Array, limits: ReadLimits) => Promise<EInvoice | null>;
  } = {},
): Promise<DocumentInfo> {
  if (bytes.length === 0) throw new PagewiseError("empty_file", "The file is empty");
  if (bytes.length > limits.maxBytes) {
    throw new PagewiseError("file_too_large", `The file is larger than ${limits.maxBytes} bytes`, {
      bytes: bytes.length,
      maxBytes: limits.maxBytes,
    });
  }
  const mime = sniffMimeType(bytes);
  if (mime === null) {
    throw new PagewiseError(
      "unsupported_type",
      "Not a PDF, PNG, JPEG or TIFF file, nor an XML e-invoice (CII or UBL)",
    );
  }
  if (mime === "application/xml") {
    // Parsed for real here: a file that only looked like an invoice fails `invalid_einvoice`.
    const xml = new TextDecoder("utf-8").decode(bytes);
    return { mime, pageCount: 0, einvoice: parseEInvoice(xml) };
  }
  // Before pdf.js sees it: a decompression bomb costs gigabytes once pdf.js decodes it.
  if (mime === "application/pdf") await checkPdfStreams(bytes, limits);
  const pageCount =
    mime === "application/pdf"
      ? await withTimeout(
          (options.countPdfPages ?? countPdfPages)(bytes, limits),
          options.timeoutMs ?? 30_000,
          "Opening the PDF",
        )
      : countImagePages(bytes, mime, limits);
  const einvoice =
    mime === "application/pdf"
      ? await withTimeout(
          (options.readPdfEInvoice ?? readPdfEInvoice)(bytes, limits),
          options.timeoutMs ?? 30_000,
          "Reading the PDF's embedded files",
        )
      : null;
  if (pageCount > limits.maxPages) {
    throw new PagewiseError(
      "too_many_pages",
      `The document has more than ${limits.maxPages} pages`,
      {
        pageCount,
        maxPages: limits.maxPages,
      },
    );
  }
  return { mime, pageCount, einvoice };
}

async function countPdfPages(bytes: Uint8Array, limits: ReadLimits): Promise<number> {
  const doc = await openPdf(bytes, { maxImagePixels: limits.maxPixels });
  try {
    if (doc.numPages < 1) throw new PagewiseError("corrupt_pdf", "The PDF has no pages");
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

async function readPdfEInvoice(bytes: Uint8Array, limits: ReadLimits): Promise<EInvoice | null> {
  const doc = await openPdf(bytes, { maxImagePixels: limits.maxPixels });
  try {
    return await readEmbeddedEInvoice(doc);
  } finally {
    await doc.destroy();
  }
}

function countImagePages(
  bytes: Uint8Array,
  mime: Exclude<MimeType, "application/pdf" | "application/xml">,
  limits: ReadLimits,
): number {
  const sizes = readImageHeader(bytes, mime);
  for (const [page, { width, height }] of sizes.entries()) {
    if (width * height > limits.maxPixels) {
      throw new PagewiseError(
        "image_too_large",
        `The image is ${width}×${height} pixels, more than ${limits.maxPixels}`,
        { page, width, height, maxPixels: limits.maxPixels },
      );
    }
  }
  return sizes.length;
}
