/** Limits on what a document may be before any real work is spent on it. */
export interface ReadLimits {
  maxBytes: number;
  maxPages: number;
  /** Per page: image pixels (width × height), also the cap for a rendered PDF page. */
  maxPixels: number;
  /** Largest decompressed size of one compressed PDF stream (`document_too_complex` beyond). */
  maxStreamBytes: number;
  /** Decompressed size of all compressed streams of one PDF (`document_too_complex` beyond). */
  maxDecodedBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 500,
  maxPixels: 50_000_000,
  // Above the largest image pdf.js still decodes (maxPixels × 4 channels).
  maxStreamBytes: 256 * 1024 * 1024,
  maxDecodedBytes: 2048 * 1024 * 1024,
};

/**
 * The largest page side in PDF points (200 inches, the limit of the PDF specification and of
 * Acrobat). A larger page is a hostile one: `document_too_complex`, never rendered.
 */
export const MAX_PAGE_POINTS = 14_400;
