import type { components } from "./openapi.gen.js";

/** The API's stable error codes (`{ error: { code } }`), as its OpenAPI document lists them. */
export type ApiErrorCode = components["schemas"]["Error"]["error"]["code"];

/**
 * Codes the client adds for failures that never reached the API's error shape: `network` (the
 * request did not reach the server, or its answer never came back), `unexpected_response` (an
 * answer that is not the API's error shape) and `timeout` (`waitForResult` gave up).
 */
export type ClientErrorCode = "network" | "unexpected_response" | "timeout";

export type ErrorCode = ApiErrorCode | ClientErrorCode;

/**
 * Every failure of the client: the API's `{ error: { code, message, details } }` with the HTTP
 * status (0 when no answer came), or one of the client's own codes. Match on `code` (stable,
 * never renamed) or on the subclasses below.
 *
 * @example
 * try { await client.documents.get(id) } catch (e) {
 *   if (e instanceof NotFoundError) ...; else if (e instanceof PagewiseError) console.log(e.code);
 * }
 */
export class PagewiseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "PagewiseError";
  }
}

/** 400 `validation_failed` / `bad_request`: `details.issues` names what is wrong. */
export class ValidationError extends PagewiseError {
  override name = "ValidationError";
}
/** 401: no token, an unknown or revoked one (`unauthorized`), or an expired one (`token_expired`). */
export class AuthenticationError extends PagewiseError {
  override name = "AuthenticationError";
}
/** 403: the token's role does not allow this (`forbidden`, `csrf_failed`). */
export class PermissionDeniedError extends PagewiseError {
  override name = "PermissionDeniedError";
}
/** 404 `not_found`: no such thing, or it is in another project. */
export class NotFoundError extends PagewiseError {
  override name = "NotFoundError";
}
/** 409: e.g. an Idempotency-Key reused for other bytes (`conflict`), a retraining already running. */
export class ConflictError extends PagewiseError {
  override name = "ConflictError";
}
/** 429 `rate_limited`: `retryAfterSeconds` says when to try again (the client retries it itself). */
export class RateLimitedError extends PagewiseError {
  override name = "RateLimitedError";
  constructor(
    code: ErrorCode,
    message: string,
    status: number,
    details?: Record<string, unknown>,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message, status, details);
  }
}
/** 5xx: the server failed (`internal`), or a part of it is down (`unavailable`, `insufficient_storage`). */
export class ServerError extends PagewiseError {
  override name = "ServerError";
}
/** The request did not reach the server, or its answer never came back (status 0). */
export class NetworkError extends PagewiseError {
  override name = "NetworkError";
}
/** `waitForResult` gave up before the document reached a result. */
export class TimeoutError extends PagewiseError {
  override name = "TimeoutError";
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), if it has a usable one. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Turn an error answer (its status, parsed body or none, and `Retry-After`) into the matching
 * PagewiseError subclass.
 */
export function toPagewiseError(
  status: number,
  body: unknown,
  retryAfter?: string | null,
): PagewiseError {
  const error = (body as ErrorBody | undefined | null)?.error;
  const known = Boolean(error?.code && error.message);
  const code = (known ? error?.code : "unexpected_response") as ErrorCode;
  const message = known
    ? (error?.message as string)
    : `The server answered ${status} without an explanation.`;
  const details = known ? error?.details : undefined;
  if (status === 429) {
    return new RateLimitedError(code, message, status, details, parseRetryAfter(retryAfter));
  }
  const Class =
    status === 400
      ? ValidationError
      : status === 401
        ? AuthenticationError
        : status === 403
          ? PermissionDeniedError
          : status === 404
            ? NotFoundError
            : status === 409
              ? ConflictError
              : status >= 500
                ? ServerError
                : PagewiseError;
  return new Class(code, message, status, details);
}

/** The error for a request that never got an answer. */
export function networkError(cause: unknown, baseUrl?: string): NetworkError {
  // Already said (the retry layer names the base URL): never wrapped twice.
  if (cause instanceof NetworkError) return cause;
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED …) is its cause.
  const inner = cause instanceof Error ? (cause.cause as Error | undefined) : undefined;
  const reason =
    cause instanceof Error
      ? `: ${cause.message}${inner instanceof Error && inner.message ? ` (${inner.message})` : ""}`
      : "";
  const where = baseUrl ? ` at ${baseUrl}` : "";
  const error = new NetworkError("network", `Cannot reach Pagewise${where}${reason}`, 0);
  (error as { cause?: unknown }).cause = cause;
  return error;
}
