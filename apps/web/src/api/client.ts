import {
  type ApiClient,
  createApiClient,
  NetworkError,
  unwrap as unwrapCall,
} from "@pagewise/client";
import { ApiError, toApiError } from "./api-error";

export type PagewiseClient = ApiClient;

/** The header the API wants the session's CSRF token in, on unsafe requests. */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * The typed API client of `@pagewise/client` (paths, parameters, bodies and answers all come from
 * the API's OpenAPI document), set up for the browser: the credential is the HttpOnly session
 * cookie (the browser sends it; this code never sees it); every request carries the session's
 * CSRF token, and a 401 anywhere signs out. No automatic retries: a person sees the failure.
 */
export function createPagewiseClient(
  csrfToken: string | null,
  onUnauthorized: () => void,
): PagewiseClient {
  return createApiClient({
    baseUrl: window.location.origin,
    credentials: "same-origin",
    retry: false,
    onRequest(request) {
      if (csrfToken) request.headers.set(CSRF_HEADER, csrfToken);
    },
    onResponse(response) {
      if (response.status === 401) onUnauthorized();
    },
  });
}

/**
 * Await an openapi-fetch call and return its data, or throw an ApiError that says what went wrong
 * (including "the server cannot be reached"), so no failure passes silently.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  try {
    return await unwrapCall(call);
  } catch (err) {
    if (err instanceof NetworkError) {
      throw new ApiError(
        "network",
        "The request did not reach the server. Check the connection and try again.",
        0,
      );
    }
    throw err;
  }
}

/** Fetch a binary resource with the session cookie (kept as a blob URL while it is shown). */
export async function fetchBlob(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: "same-origin" });
  } catch {
    throw new ApiError("network", "The image did not reach the browser. Try again.", 0);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw toApiError(response.status, body);
  }
  return response.blob();
}
