import { PagewiseError, toPagewiseError } from "@pagewise/client";

/**
 * An API error (`{ error: { code, message } }`) or a failure to reach the API at all: the SDK's
 * PagewiseError (with its subclasses), under the name the screens use.
 */
export { PagewiseError as ApiError };

/** Turn an error response (parsed body, or none) into an ApiError. */
export const toApiError = (status: number, body: unknown): PagewiseError =>
  toPagewiseError(status, body);

const HEADLINES: Partial<Record<PagewiseError["code"], string>> = {
  network: "Pagewise cannot be reached",
  unauthorized: "You are signed out",
  token_expired: "This token has expired",
  csrf_failed: "The request was refused as coming from elsewhere",
  forbidden: "Your role does not allow this",
  not_found: "Not found",
  conflict: "That cannot be done right now",
  validation_failed: "Something in the request is not right",
  bad_request: "Something in the request is not right",
  payload_too_large: "The upload is too large",
  file_too_large: "A file is too large",
  unsupported_type: "This file type is not supported",
  incomplete_review: "The review is not complete",
  empty_file: "The file is empty",
  unavailable: "A part of Pagewise is not answering",
  not_enough_data: "Not enough reviewed documents yet",
  retraining_in_progress: "A retraining is already running",
  quota_exceeded: "This project has used its quota for now",
  no_model: "There is no model yet",
  internal: "Something went wrong on the server",
  unexpected_response: "The server gave an unexpected answer",
};

/** A headline and a sentence a person can act on, for any error. */
export function describeError(error: unknown): { title: string; detail: string } {
  if (error instanceof PagewiseError) {
    const title = HEADLINES[error.code] ?? "Something went wrong";
    // The API's issue messages are whole sentences that name the parameter.
    const issues = error.details?.issues;
    const detail =
      Array.isArray(issues) && issues.length > 0
        ? issues
            .slice(0, 3)
            .map((i: { message?: string }) => i.message)
            .join(" ")
        : error.message;
    return { title, detail };
  }
  return {
    title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error),
  };
}
