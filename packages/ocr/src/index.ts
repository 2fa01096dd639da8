export { type PdfPageText, readPdfPageText, readPdfTextLayer } from "./pdf-text-layer";
export { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
export { hasUsableText } from "./usable-text";
