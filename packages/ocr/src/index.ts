export {
  DocumentReader,
  type DocumentReaderOptions,
  type IngestedDocument,
  type ReadOptions,
} from "./document-reader";
export { parseEInvoice } from "./einvoice/parse-einvoice";
export {
  EINVOICE_ATTACHMENT_NAMES,
  readEmbeddedEInvoice,
} from "./einvoice/read-embedded-einvoice";
export { type ImageSize, readImageHeader } from "./image-header";
export { type DocumentInfo, inspectDocument } from "./inspect-document";
export { DEFAULT_OCR_SETTINGS, OcrEngine, type OcrSettings } from "./ocr-engine";
export {
  DEFAULT_ORIENT_SETTINGS,
  type OrientSettings,
  readingQuality,
} from "./page-orientation";
export type { PageImage, ReadPageResult } from "./page-reader";
export { type PdfPageText, readPdfPageText, readPdfTextLayer } from "./pdf-text-layer";
export { openPdf } from "./pdfjs";
export { DEFAULT_PREPARE_SETTINGS, type OcrImage, type PrepareSettings } from "./prepare-image";
export { prepareScanForOcr } from "./prepare-scan";
export { readDocument } from "./read-document";
export { DEFAULT_READ_LIMITS, type ReadLimits } from "./read-limits";
export { detectTextDirection, type TextDirection } from "./text-direction";
export { hasUsableText } from "./usable-text";
