/** Limits on what a document may be before any real work is spent on it. */
export interface ReadLimits {
  maxBytes: number;
  maxPages: number;
  /** Per page: image pixels (width × height), also the cap for a rendered PDF page. */
  maxPixels: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 500,
  maxPixels: 50_000_000,
};
