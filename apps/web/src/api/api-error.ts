import type { components } from "./openapi.gen";

type ErrorCode = components["schemas"]["Error"]["error"]["code"];

/** Codes the UI adds for failures that never reached the API's error shape. */
export type ClientErrorCode = "network" | "unexpected_response";

/** An API error (`{ error: { code, message } }`) or a failure to reach the API at all. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

/** Turn an error response (parsed body, or none) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as ErrorBody | undefined)?.error;
  if (error?.code && error.message) {
    return new ApiError(error.code as ErrorCode, error.message, status, error.details);
  }
  return new ApiError(
    "unexpected_response",
    `The server answered ${status} without an explanation.`,
    status,
  );
}

const HEADLINES: Partial<Record<ApiError["code"], string>> = {
  network: "Pagewise cannot be reached",
  unauthorized: "You are signed out",
  forbidden: "Your role does not allow this",
  not_found: "Not found",
  conflict: "That cannot be done right now",
  validation_failed: "Something in the request is not right",
  bad_request: "Something in the request is not right",
  payload_too_large: "The upload is too large",
  file_too_large: "A file is too large",
  unsupported_type: "This file type is not supported",
  unavailable: "A part of Pagewise is not answering",
  not_enough_data: "Not enough reviewed documents yet",
  retraining_in_progress: "A retraining is already running",
  no_model: "There is no model yet",
  internal: "Something went wrong on the server",
  unexpected_response: "The server gave an unexpected answer",
};

/** A headline and a sentence a person can act on, for any error. */
export function describeError(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    const title = HEADLINES[error.code] ?? "Something went wrong";
    const issues = error.details?.issues;
    const detail =
      Array.isArray(issues) && issues.length > 0
        ? `${error.message} ${issues
            .slice(0, 3)
            .map((i: { path?: string; message?: string }) =>
              i.path ? `${i.path}: ${i.message}` : i.message,
            )
            .join("; ")}`
        : error.message;
    return { title, detail };
  }
  return {
    title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error),
  };
}
