export {
  type ApiToken,
  createApiToken,
  findApiTokenBySecret,
  generateApiTokenSecret,
  hashApiToken,
  listApiTokens,
  revokeApiToken,
  touchApiToken,
} from "./api-tokens";
export { BLOB_KEY_PATTERN, type BlobStore } from "./blob-store";
export {
  createDatabase,
  type DatabaseHandle,
  type DatabaseOptions,
  type Dialect,
  pingDatabase,
} from "./create-database";
export { storageLocations } from "./data-dir";
export {
  countDocumentsByStatus,
  type DocumentListQuery,
  findStaleDocuments,
  listDocuments,
  listReviewQueue,
} from "./document-queries";
export {
  type DocumentResult,
  getDocumentResults,
  type ResultKind,
  saveDocumentResult,
} from "./document-results";
export {
  countDocumentsWithBlob,
  type DocumentRecord,
  type DocumentTransition,
  deleteDocument,
  getDocument,
  getDocumentById,
  type ImportLabels,
  insertDocument,
  type NewDocument,
  restartDocumentPipeline,
  touchDocument,
  transitionDocument,
} from "./documents";
export { type AuditEvent, listDocumentEvents, recordEvent } from "./events";
export { LocalBlobStore } from "./local-blob-store";
export { migrateToLatest } from "./migrate";
export {
  countPages,
  getPageImageInfo,
  getPages,
  listPageIndexes,
  type StoredPage,
  savePageLayout,
  setPageImage,
} from "./pages";
export {
  createProject,
  getProjectById,
  getProjectByName,
  listProjects,
  type Project,
  updateProject,
} from "./projects";
export {
  countCompletedReviews,
  getLatestReview,
  insertReview,
  type LabeledField,
  listLabeledDocuments,
  type Review,
} from "./reviews";
export type { Database, Db } from "./schema";
export { type DailyThroughput, dailyThroughput } from "./throughput";
