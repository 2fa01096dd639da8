/**
 * Stable, machine-readable error codes. Clients and tests match on these; never rename one.
 * The HTTP status for each code is decided in one place (`apps/api`), not here.
 */
export const ERROR_CODES = [
  // request / auth
  "bad_request",
  "validation_failed",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "internal",
  "unavailable",
  "insufficient_storage",
  "rate_limited",
  /** A project's quota (docs/quotas.md) refuses the request; see `Retry-After`. */
  "quota_exceeded",
  "token_expired",
  "csrf_failed",
  // reviews
  "incomplete_review",
  "split_already_assigned",
  // document reading
  "empty_file",
  "unsupported_type",
  "file_too_large",
  "too_many_pages",
  "image_too_large",
  "corrupt_pdf",
  "encrypted_pdf",
  "corrupt_image",
  "page_unreadable",
  "ocr_failed",
  "read_timeout",
  "document_too_complex",
  /** A project's `ocrLanguages` names a language whose OCR data is not installed. */
  "unsupported_ocr_language",
  /** An XML upload that looks like an e-invoice but is not well-formed or not CII/UBL. */
  "invalid_einvoice",
  // models and learning loop
  "no_model",
  "model_load_failed",
  "invalid_model_artifact",
  "training_failed",
  "not_enough_data",
  "retraining_in_progress",
  // webhooks
  "webhook_url_not_allowed",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error type of Pagewise: a stable `code`, a human-readable message, optional details. */
export class PagewiseError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "PagewiseError";
    this.code = code;
    this.details = details;
  }
}

export function isPagewiseError(error: unknown): error is PagewiseError {
  return error instanceof PagewiseError;
}

/** Error codes that describe the input itself: retrying the same bytes can never succeed. */
export const PERMANENT_READ_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "empty_file",
  "unsupported_type",
  "file_too_large",
  "too_many_pages",
  "image_too_large",
  "corrupt_pdf",
  "encrypted_pdf",
  "corrupt_image",
  "document_too_complex",
  "invalid_einvoice",
]);
