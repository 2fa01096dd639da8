export {
  DocumentReader,
  type DocumentReaderOptions,
  type ReadOptions,
} from "./document-reader";
export { type ImageSize, readImageHeader } from "./image-header";
export { type DocumentInfo, inspectDocument } from "./inspect-document";
export { DEFAULT_OCR_SETTINGS, type OcrSettings } from "./ocr-engine";
export type { PageImage, ReadPageResult } from "./page-reader";
export { type PdfPageText, readPdfPageText, readPdfTextLayer } from "./pdf-text-layer";
export { readDocument } from "./read-document";
export { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
export { sniffMimeType } from "./sniff-mime-type";
export { hasUsableText } from "./usable-text";
