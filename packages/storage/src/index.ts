export { describeActors, userLabel } from "./actor-names";
export {
  type ApiToken,
  apiTokenSecretState,
  createApiToken,
  findApiTokenBySecret,
  findApiTokenRowBySecret,
  generateApiTokenSecret,
  getApiToken,
  hashApiToken,
  isApiTokenExpired,
  listApiTokens,
  listApiTokensPage,
  revokeApiToken,
  touchApiToken,
} from "./api-tokens";
export {
  type AuditActor,
  type AuditActorKind,
  type AuditEventQuery,
  type AuditEventRecord,
  listAuditEvents,
  type NewAuditEvent,
  recordAuditEvent,
} from "./audit-events";
export { isBlobReferenced, releaseBlob, storeReferencedBlob } from "./blob-references";
export {
  BLOB_KEY_PATTERN,
  type BlobStore,
  type KeyedBlobStore,
  type ListedBlob,
  type PutStreamOptions,
  type StoredBlob,
} from "./blob-store";
export {
  type BlobStoreEnv,
  type BlobStoreLocation,
  blobStoreLocation,
  type S3Location,
} from "./blob-store-location";
export {
  createDatabase,
  type DatabaseHandle,
  type DatabaseOptions,
  type Dialect,
  pingDatabase,
} from "./create-database";
export { ensureWritableDir, storageLocations } from "./data-dir";
export { diskFullError, freeDiskBytes, isDiskFullError } from "./disk-full";
export { DiskReserve } from "./disk-reserve";
export { type ExportedDocument, listDocumentsForExport } from "./document-export";
export {
  listDocumentObservations,
  type StoredObservation,
  saveDocumentObservation,
} from "./document-observations";
export {
  countDocuments,
  countDocumentsByStatus,
  DOCUMENT_SORTS,
  type DocumentFilters,
  type DocumentList,
  type DocumentListQuery,
  type DocumentSort,
  findStaleDocuments,
  listDocuments,
  listReviewQueue,
  whereDocumentFilters,
} from "./document-queries";
export {
  type DocumentResult,
  getDocumentResults,
  listEInvoiceDocumentIds,
  type ResultKind,
  saveDocumentResult,
} from "./document-results";
export {
  checkIdempotencyKey,
  type DocumentRecord,
  type DocumentTransition,
  deleteDocument,
  findDocumentBySha256,
  getDocument,
  getDocumentById,
  type ImportLabels,
  insertDocument,
  type NewDocument,
  restartDocumentPipeline,
  touchDocument,
  transitionDocument,
} from "./documents";
export {
  type ChampionPair,
  getDriftReference,
  saveDriftReference,
} from "./drift-references";
export { EncryptedBlobStore } from "./encryption/encrypted-blob-store";
export { DecryptionError, MissingMasterKeyError } from "./encryption/envelope";
export {
  type DocumentCipher,
  DocumentKeyGoneError,
  documentCipher,
  documentCiphers,
  FIELD_PREFIX,
  FieldEncryption,
} from "./encryption/field-encryption";
export {
  generateMasterKey,
  keyringFromEnv,
  type LoadedKeyring,
  MasterKeyring,
  masterKeyId,
  readKeyringFile,
  writeKeyringFile,
} from "./encryption/keyring";
export { prepareMasterKeys } from "./encryption/master-keys";
export { type RotationReport, rotateMasterKeys } from "./encryption/rotate-master-keys";
export { type AuditEvent, listDocumentEvents, listDocumentEventsPage, recordEvent } from "./events";
export { listExpiredDocumentIds } from "./expired-documents";
export {
  decodeCursor,
  encodeCursor,
  type Page,
  type PageQuery,
  pageOf,
  pastCursor,
  requireCursor,
} from "./keyset-cursor";
export { escapeLike, likeEscaped } from "./like-pattern";
export { type LiveReview, listLiveReviews } from "./live-reviews";
export { LocalBlobStore, TEMP_FILE_MAX_AGE_MS } from "./local-blob-store";
export { migrateToLatest, pendingMigrations } from "./migrate";
export { type OpenedBlobStore, openBlobStore } from "./open-blob-store";
export { type OpenedStorage, openStorage } from "./open-storage";
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
  ensurePrivateDirSync,
  mkdirPrivate,
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  restrictOwnedSync,
} from "./private-files";
export {
  createProject,
  getProjectById,
  getProjectByName,
  listProjects,
  type Project,
  updateProject,
} from "./projects";
export {
  type RemoveDocumentDeps,
  type RemovedDocument,
  removeDocument,
  scrubDeletedRows,
} from "./remove-document";
export {
  countCompletedReviews,
  countLabeledDocuments,
  getLatestCompleteReviews,
  getLatestReview,
  insertReview,
  type LabeledField,
  listLabeledDocuments,
  type Review,
} from "./reviews";
// S3BlobStore, createS3Client: `@pagewise/storage/s3` (loads the AWS SDK only where it is used).
export type { S3BlobStore } from "./s3-blob-store";
export type { Database, Db } from "./schema";
export {
  backfillSearchIndex,
  getSearchEntry,
  indexDocumentForSearch,
  type KnownDocumentContent,
  type SearchableText,
  searchableText,
} from "./search/search-index";
export { type SearchSnippet, searchSnippet } from "./search/snippets";
export {
  createSession,
  findSessionBySecret,
  revokeSession,
  revokeUserSessions,
  type Session,
  touchSession,
} from "./sessions";
export {
  countShadowResults,
  listShadowResults,
  type ShadowResult,
  saveShadowResult,
} from "./shadow-results";
export { exitOnStartupError, StartupError } from "./startup-error";
export { type SweepResult, sweepOrphanBlobs } from "./sweep-orphan-blobs";
export { type DailyThroughput, dailyThroughput } from "./throughput";
export {
  checkUploadQuota,
  hasUploadQuota,
  QUOTA_WINDOW_MS,
  type QuotaRefusal,
  type UploadQuotaLimits,
  withUploadQuota,
} from "./upload-quota";
export {
  findUsersByEmail,
  getMember,
  getMemberRole,
  getUserById,
  getUsersByIds,
  listMembers,
  listUserMemberships,
  type ProjectMember,
  removeMember,
  setMemberRole,
  type User,
  upsertUserOnSignIn,
} from "./users";
export {
  listUnlearnedReviews,
  listVendorObservations,
  saveVendorObservation,
  type UnlearnedReview,
} from "./vendor-memory";
export {
  getWebhookDelivery,
  getWebhookDeliveryById,
  insertWebhookDelivery,
  listOverdueWebhookDeliveries,
  listWebhookDeliveriesPage,
  recordWebhookDeliveryAttempt,
  skipWebhookDelivery,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
} from "./webhook-deliveries";
export { generateWebhookSecret } from "./webhook-secrets";
export {
  advanceWebhookCursor,
  createWebhook,
  deleteWebhook,
  getWebhook,
  getWebhookWithSecret,
  listEnabledWebhooks,
  listWebhookSourceEvents,
  listWebhooksPage,
  recordWebhookAttempt,
  updateWebhook,
  type Webhook,
} from "./webhooks";
