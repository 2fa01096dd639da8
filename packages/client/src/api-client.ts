import createOpenApiClient, {
  type Client,
  type ClientPathsWithMethod,
  type MethodResponse,
} from "openapi-fetch";
import { networkError, PagewiseError, toPagewiseError } from "./errors.js";
import type { paths } from "./openapi.gen.js";
import { type RetryOptions, retryingFetch } from "./retry.js";

/** The typed HTTP client of every API path (openapi-fetch over the API's OpenAPI document). */
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** Where Pagewise answers, e.g. `https://pagewise.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /** An API token (`pw_…`), sent as `Authorization: Bearer`. Browsers use the session cookie instead. */
  token?: string | undefined;
  /** Retries of retry-safe requests (see RetryOptions); `false` sends every request once. */
  retry?: RetryOptions | false | undefined;
  /** The fetch to use (default: the global one). */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** `fetch`'s credentials mode (a browser app on the API's origin: `same-origin`). */
  credentials?: RequestInit["credentials"] | undefined;
  /** Headers for every request. */
  headers?: Record<string, string> | undefined;
  /** Called with each request before it is sent (once, not per retry): add headers here. */
  onRequest?: ((request: Request) => void) | undefined;
  /** Called with each final answer (after retries), e.g. to sign out on a 401. */
  onResponse?: ((response: Response) => void) | undefined;
}

/**
 * The typed API client: paths, parameters, bodies and answers all come from the API's OpenAPI
 * document (`openapi.gen.ts`). Use `unwrap` on its calls to get the data or a PagewiseError.
 *
 * @example
 * const api = createApiClient({ baseUrl, token });
 * const project = await unwrap(api.GET("/v1/projects/{project}", { params: { path: { project: "default" } } }));
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createOpenApiClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    fetch: retryingFetch(baseFetch, options.retry),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
  });
  const { onRequest, onResponse } = options;
  if (onRequest || onResponse) {
    client.use({
      onRequest({ request }) {
        onRequest?.(request);
        return request;
      },
      onResponse({ response }) {
        onResponse?.(response);
        return response;
      },
    });
  }
  return client;
}

/**
 * Await an openapi-fetch call and return its data, or throw the PagewiseError (subclass) that says
 * what went wrong, including NetworkError for "the server cannot be reached": no failure passes
 * silently.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (err) {
    if (err instanceof PagewiseError) throw err;
    throw networkError(err);
  }
  if (!result.response.ok) {
    throw toPagewiseError(
      result.response.status,
      result.error,
      result.response.headers.get("Retry-After"),
    );
  }
  return result.data as T;
}

type GetPath = ClientPathsWithMethod<ApiClient, "get">;
type PageOf<P extends GetPath> = NonNullable<MethodResponse<ApiClient, "get", P>>;

/** The API paths whose GET answers a page: `{ items, nextCursor }`. */
export type PagedPath = {
  [P in GetPath]: PageOf<P> extends { items: readonly unknown[]; nextCursor: string | null }
    ? P
    : never;
}[GetPath];

/** One item of a paged list. */
export type PageItem<P extends PagedPath> = NonNullable<PageOf<P>["items"][number]>;

type GetParameters<P extends PagedPath> = paths[P]["get"]["parameters"];

/** Path and query parameters of a paged list (the cursor is followed for you). */
export interface PageParams<P extends PagedPath> {
  path?: GetParameters<P>["path"];
  query?: Omit<NonNullable<GetParameters<P>["query"]>, "cursor">;
}

/**
 * Every item of a paged list, page after page (following `nextCursor`), fetched as you iterate.
 *
 * @example
 * for await (const run of paginate(api, "/v1/projects/{project}/training-runs", { path: { project } })) ...
 */
export async function* paginate<P extends PagedPath>(
  api: ApiClient,
  path: P,
  params: PageParams<P>,
): AsyncGenerator<PageItem<P>, void, undefined> {
  let cursor: string | undefined;
  do {
    const query = { ...params.query, ...(cursor ? { cursor } : {}) };
    // The init's type depends on P in a way TypeScript cannot follow through a generic.
    const get = api.GET as (path: string, init: unknown) => ReturnType<ApiClient["GET"]>;
    const page = (await unwrap(get(path, { params: { path: params.path, query } }))) as {
      items: (PageItem<P> | null)[];
      nextCursor: string | null;
    };
    // The document allows nulls in some lists (see openapi.gen.ts); the API never sends them.
    for (const item of page.items) if (item !== null) yield item;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
