import { type ErrorCode, isPagewiseError } from "@pagewise/core";
import { diskFullError, isDiskFullError } from "@pagewise/storage";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "pino";

/** The one place where error codes become HTTP statuses. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  token_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  retraining_in_progress: 409,
  not_enough_data: 409,
  no_model: 409,
  payload_too_large: 413,
  rate_limited: 429,
  quota_exceeded: 429,
  file_too_large: 413,
  empty_file: 400,
  unsupported_type: 415,
  incomplete_review: 422,
  split_already_assigned: 409,
  invalid_model_artifact: 422,
  webhook_url_not_allowed: 422,
  unsupported_ocr_language: 400,
  unavailable: 503,
  insufficient_storage: 507,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? 500;
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Every error leaves as `{ error: { code, message } }`; unexpected ones are logged, not shown. */
export function handleError(logger: Logger) {
  return (err: Error, c: Context) => {
    if (isPagewiseError(err)) {
      // A refusal that ends (a quota's window) says when: clients retry after that.
      const retryAfter = err.details?.retryAfterSeconds;
      if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
      return c.json(errorBody(err.code, err.message, err.details), statusOf(err.code));
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code: ErrorCode =
        status === 413 ? "payload_too_large" : status === 401 ? "unauthorized" : "bad_request";
      return c.json(errorBody(code, err.message || "Bad request."), status);
    }
    if (isDiskFullError(err)) {
      // A write anywhere (database, blob folder) on a full disk: the client can do nothing but
      // wait, and deleting documents must keep working to free space.
      logger.warn({ err, path: c.req.path, method: c.req.method }, "disk full");
      const full = diskFullError();
      return c.json(errorBody(full.code, full.message), statusOf(full.code));
    }
    logger.error({ err, path: c.req.path, method: c.req.method }, "unhandled error");
    return c.json(errorBody("internal", "Something went wrong on our side."), 500);
  };
}
