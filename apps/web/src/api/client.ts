import createClient from "openapi-fetch";
import { ApiError, toApiError } from "./api-error";
import type { paths } from "./openapi.gen";

export type PagewiseClient = ReturnType<typeof createClient<paths>>;

/**
 * The typed API client: paths, parameters, bodies and answers all come from the API's OpenAPI
 * document (`src/api/openapi.gen.ts`). Every request carries the token; a 401 anywhere signs out.
 */
export function createPagewiseClient(token: string, onUnauthorized: () => void): PagewiseClient {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  });
  return client;
}

/**
 * Await an openapi-fetch call and return its data, or throw an ApiError that says what went wrong
 * (including "the server cannot be reached"), so no failure passes silently.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      "network",
      "The request did not reach the server. Check the connection and try again.",
      0,
    );
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/** Fetch a binary resource with the token (images cannot send headers from an <img>). */
export async function fetchBlob(token: string, path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError("network", "The image did not reach the browser. Try again.", 0);
  }
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw toApiError(response.status, body);
  }
  return response.blob();
}
