import { type ErrorCode, PagewiseError } from "@pagewise/core";

/**
 * The platform's HTTP API as the CLI uses it: bearer token, JSON in and out, and errors turned
 * back into PagewiseError with the API's stable code.
 */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.send<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>("POST", path, body === undefined ? undefined : JSON.stringify(body));
  }

  /** Multipart upload; extra headers (e.g. Idempotency-Key) pass through. */
  upload<T>(path: string, form: FormData, headers: Record<string, string> = {}): Promise<T> {
    return this.send<T>("POST", path, form, headers);
  }

  private async send<T>(
    method: string,
    path: string,
    body?: string | FormData,
    headers: Record<string, string> = {},
  ): Promise<T> {
    if (!this.token) {
      throw new PagewiseError("unauthorized", "Set PAGEWISE_TOKEN to an API token of the project.");
    }
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        body,
        headers: {
          Authorization: `Bearer ${this.token}`,
          ...(typeof body === "string" ? { "Content-Type": "application/json" } : {}),
          ...headers,
        },
      });
    } catch (error) {
      throw new PagewiseError(
        "unavailable",
        `Cannot reach Pagewise at ${this.baseUrl} (PAGEWISE_URL): ${(error as Error).message}`,
      );
    }
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : null;
    if (!res.ok) {
      const error = (json as { error?: { code: ErrorCode; message: string } } | null)?.error;
      throw new PagewiseError(error?.code ?? "internal", error?.message ?? `HTTP ${res.status}`);
    }
    return json as T;
  }
}
