// The value normalizers live in core (the API compares review verdicts with them too); one
// implementation, re-exported here for the callers that think of them as model code.
export {
  comparisonKey,
  inferLocaleHints,
  type NormalizeHints,
  normalizeValue,
} from "@pagewise/core";
export {
  type AlignedSpan,
  type AlignOptions,
  alignOccurrences,
  alignValue,
} from "./align/align-value";
export { locateEInvoiceFields } from "./align/locate-einvoice-fields";
export { disposeModel, loadClassifier, loadExtractor, loadModel } from "./artifacts/load-model";
export { ARTIFACT_FORMAT_VERSION, type ModelMetadata } from "./artifacts/model-metadata";
export { ARTIFACT_FILES, saveModel } from "./artifacts/save-model";
export {
  type BackendName,
  currentBackend,
  type InitBackendOptions,
  initBackend,
} from "./backend/init-backend";
export {
  type ConfidenceCalibration,
  calibrateConfidence,
} from "./calibration/confidence-calibration";
export { ECE_BINS, expectedCalibrationError } from "./calibration/expected-calibration-error";
export {
  DEFAULT_CALIBRATION,
  type FitCalibrationOptions,
} from "./calibration/fit-extractor-calibration";
export {
  type ClassifierHyperparameters,
  type ClassifierModel,
  DEFAULT_CLASSIFIER_OPTIONS,
} from "./classifier/classifier-model";
export { classifyDocument } from "./classifier/classify-document";
export { type TrainClassifierOptions, trainClassifier } from "./classifier/train-classifier";
export { datasetLayoutToLayout } from "./dataset/dataset-layout";
export {
  type DatasetGroundTruth,
  DatasetGroundTruthSchema,
  mapGroundTruth,
} from "./dataset/map-ground-truth";
export { foldDocuments, splitDocuments, splitGroups } from "./dataset/split-documents";
export { vendorGroup } from "./dataset/vendor-group";
export {
  type EvaluateOptions,
  type EvaluationReport,
  evaluateModels,
} from "./evaluate/evaluate-models";
export { type ExtractOptions, extractFields } from "./extractor/extract-fields";
export {
  DEFAULT_EXTRACTOR_OPTIONS,
  type ExtractorHyperparameters,
  type ExtractorModel,
} from "./extractor/extractor-model";
export { type TrainExtractorOptions, trainExtractor } from "./extractor/train-extractor";
export { predictDocument } from "./predict-document";
export {
  type GenerateOptions,
  generateSyntheticInvoice,
  SYNTHETIC_INVOICE_FIELDS,
  type SyntheticDocument,
  type SyntheticGroundTruth,
} from "./synthetic/generate-synthetic-invoice";
export {
  isSyntheticLanguage,
  SYNTHETIC_LANGUAGES,
  type SyntheticLanguage,
} from "./synthetic/invented-names";
export {
  LINE_ITEM_COLUMNS,
  type LineItemColumn,
} from "./tables/line-item-lexicon";
export { type LineItemCell, type LineItemRow, readLineItems } from "./tables/read-line-items";
export {
  type ColumnScore,
  type LineItemTruth,
  scoreLineItems,
  type TableScore,
} from "./tables/score-line-items";
export { type TrainModelsOptions, trainModels } from "./train-models";
export type { LabeledField, TrainingDocument, TrainProgress } from "./types";
export {
  answerFromVendorMemory,
  mergeMemoryFields,
  type VendorMemoryAnswer,
} from "./vendor-memory/answer-from-vendor-memory";
export { vendorKey } from "./vendor-memory/identify-vendor";
export { observeVendorDocument } from "./vendor-memory/observe-vendor-document";
export {
  type RecallOptions,
  sameTemplateObservations,
} from "./vendor-memory/recall-vendor-fields";
