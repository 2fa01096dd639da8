export {
  type DocumentStatus,
  DocumentStatusSchema,
  type MimeType,
  MimeTypeSchema,
  SUPPORTED_MIME_TYPES,
  TERMINAL_STATUSES,
} from "./document";
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
export {
  DEFAULT_PROJECT_SETTINGS,
  type GateSettings,
  GateSettingsSchema,
  type ProjectSettings,
  type ProjectSettingsPatch,
  ProjectSettingsPatchSchema,
  ProjectSettingsSchema,
  type Role,
  RoleSchema,
  roleAtLeast,
} from "./project";
export { SharedEnvShape } from "./shared-env";
