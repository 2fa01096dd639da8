export {
  type ApiClient,
  type ApiClientOptions,
  createApiClient,
  type PagedPath,
  type PageItem,
  type PageParams,
  paginate,
  unwrap,
} from "./api-client.js";
export {
  type Document,
  type DocumentListQuery,
  type DocumentStatus,
  Documents,
  type ImportLabels,
  RESULT_STATUSES,
  type UploadBody,
  type UploadedDocument,
  type UploadOptions,
  type WaitOptions,
} from "./documents.js";
export {
  type ApiErrorCode,
  AuthenticationError,
  type ClientErrorCode,
  ConflictError,
  type ErrorCode,
  NetworkError,
  NotFoundError,
  PagewiseError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitedError,
  ServerError,
  TimeoutError,
  toPagewiseError,
  ValidationError,
} from "./errors.js";
export type { components, paths } from "./openapi.gen.js";
export { createClient, Pagewise, type PagewiseOptions } from "./pagewise.js";
export type { RetryOptions } from "./retry.js";
export {
  SIGNATURE_HEADER,
  signWebhookPayload,
  type VerifyOptions,
  verifyWebhookSignature,
} from "./webhooks.js";
