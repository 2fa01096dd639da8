export {
  type DocumentStatus,
  DocumentStatusSchema,
  type MimeType,
  MimeTypeSchema,
  SUPPORTED_MIME_TYPES,
  TERMINAL_STATUSES,
} from "./document";
export {
  type DocumentObservation,
  DocumentObservationSchema,
  observeDocument,
} from "./document-observation";
export {
  buildDriftProfile,
  compareDrift,
  DRIFT_SIGNIFICANCE,
  type DriftBins,
  DriftBinsSchema,
  type DriftProfile,
  DriftProfileSchema,
  type DriftSignal,
  type DriftStatus,
  DriftStatusSchema,
  type SignalHistogram,
  SignalHistogramSchema,
} from "./drift-profile";
export {
  type EInvoice,
  type EInvoiceField,
  EInvoiceFieldSchema,
  type EInvoiceLineItem,
  EInvoiceLineItemSchema,
  EInvoiceSchema,
  type EInvoiceSyntax,
  EInvoiceSyntaxSchema,
} from "./einvoice";
export { parseEnv } from "./env";
export {
  ERROR_CODES,
  type ErrorCode,
  isPagewiseError,
  PagewiseError,
  PERMANENT_READ_ERRORS,
} from "./errors";
export {
  type Classification,
  ClassificationSchema,
  type ExtractedField,
  ExtractedFieldSchema,
  type FieldSource,
  FieldSourceSchema,
} from "./extraction";
export { newId } from "./ids";
export { type ImportLayout, ImportLayoutSchema, normalizeImportedLayout } from "./import-layout";
export {
  type CategoryDefinition,
  CategoryDefinitionSchema,
  DEFAULT_LABEL_SCHEMA,
  type FieldDefinition,
  FieldDefinitionSchema,
  type FieldType,
  FieldTypeSchema,
  findCategory,
  type LabelSchema,
  LabelSchemaSchema,
} from "./label-schema";
export {
  type Box,
  BoxSchema,
  type Layout,
  LayoutSchema,
  layoutText,
  PAGE_IMAGE_DPI,
  type PageLayout,
  PageLayoutSchema,
  type PageSource,
  PageSourceSchema,
  pageText,
  type Token,
  TokenSchema,
  tokenId,
  unionBox,
} from "./layout";
export { mergeRows } from "./merge-rows";
export {
  type FieldScore,
  FieldScoreSchema,
  type ModelAlias,
  ModelAliasSchema,
  type ModelKind,
  ModelKindSchema,
  type ModelVersionStatus,
  ModelVersionStatusSchema,
} from "./model";
export { type AmountMatch, findAmounts, normalizeAmount } from "./normalize/amount";
export { normalizeCurrency } from "./normalize/currency";
export { type DateMatch, findDates, monthNumber, normalizeDate } from "./normalize/date";
export type { NormalizeHints } from "./normalize/hints";
export { inferLocaleHints } from "./normalize/infer-locale-hints";
export { comparisonKey, isAddressField, normalizeValue } from "./normalize/normalize-value";
export { findTerms, normalizeTerm, numberWordValue, type TermMatch } from "./normalize/term";
export {
  addressKey,
  normalizeId,
  normalizeText,
  stripCountryCode,
  textKey,
} from "./normalize/text";
export {
  checkOcrLanguages,
  DEFAULT_PROJECT_SETTINGS,
  type GateSettings,
  GateSettingsSchema,
  MIN_LABELED_DOCUMENTS,
  type MonitoringSettings,
  MonitoringSettingsSchema,
  OCR_LANGUAGES,
  type OcrLanguage,
  ocrLanguageString,
  type ProjectSettings,
  type ProjectSettingsPatch,
  ProjectSettingsPatchSchema,
  ProjectSettingsSchema,
  type QuotaSettings,
  QuotaSettingsSchema,
  type Role,
  RoleSchema,
  roleAtLeast,
} from "./project";
export {
  type HomogeneityTest,
  holmAdjust,
  homogeneityPValue,
  homogeneityTest,
  PSI_EPSILON,
  psi,
} from "./psi";
export {
  type ReviewReason,
  type ReviewReasonCode,
  ReviewReasonCodeSchema,
  ReviewReasonSchema,
  ReviewReasonsSchema,
} from "./review-reason";
export { BlobStoreEnvShape, SharedEnvShape } from "./shared-env";
export { sniffMimeType } from "./sniff-mime-type";
export {
  type RememberedField,
  RememberedFieldSchema,
  type VendorIdentity,
  VendorIdentitySchema,
  type VendorObservation,
  VendorObservationSchema,
} from "./vendor-memory";
export {
  type RecordedEvent,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_SOURCE_EVENT_TYPES,
  type WebhookEventType,
  WebhookEventTypeSchema,
  type WebhookPayload,
  WebhookPayloadSchema,
  webhookEventsFor,
} from "./webhook-events";
