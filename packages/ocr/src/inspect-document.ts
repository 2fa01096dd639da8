import { type MimeType, PagewiseError } from "@pagewise/core";
import { readImageHeader } from "./image-header";
import { openPdf } from "./pdfjs";
import { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
import { sniffMimeType } from "./sniff-mime-type";
import { withTimeout } from "./with-timeout";

export interface DocumentInfo {
  mime: MimeType;
  pageCount: number;
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
    throw new PagewiseError("unsupported_type", "Not a PDF, PNG, JPEG or TIFF file");
  }
  const pageCount =
    mime === "application/pdf"
      ? await withTimeout(
          (options.countPdfPages ?? countPdfPages)(bytes, limits),
          options.timeoutMs ?? 30_000,
          "Opening the PDF",
        )
      : countImagePages(bytes, mime, limits);
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
  return { mime, pageCount };
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

function countImagePages(
  bytes: Uint8Array,
  mime: Exclude<MimeType, "application/pdf">,
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
