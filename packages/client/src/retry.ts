import { networkError, parseRetryAfter } from "./errors.js";

export interface RetryOptions {
  /** Attempts after the first one (default 3; 0 turns retrying off). */
  retries?: number;
  /** The first backoff in ms, doubled on each retry (default 500). */
  minDelayMs?: number;
  /**
   * The longest wait before a retry, in ms (default 30 000). A `Retry-After` longer than this is
   * not waited for: the answer (429 or 503) is returned, and becomes a RateLimitedError or
   * ServerError that carries it.
   */
  maxDelayMs?: number;
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Whether a request may be sent again without risk of doing its work twice: an idempotent method,
 * or a POST that carries an `Idempotency-Key` (the API returns the first result for a repeated
 * key, e.g. the same document for the same upload).
 */
export function isRetrySafe(request: Request): boolean {
  return IDEMPOTENT_METHODS.has(request.method) || request.headers.has("Idempotency-Key");
}

/** Answers worth another attempt: rate limited, or a server-side failure (not "not implemented"). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** The wait before retry `attempt` (0-based): `Retry-After` if the answer gave one, else backoff. */
export function retryDelayMs(
  attempt: number,
  options: Required<RetryOptions>,
  retryAfter: string | null,
): number | undefined {
  const seconds = parseRetryAfter(retryAfter);
  if (seconds !== undefined) {
    const ms = seconds * 1000;
    return ms > options.maxDelayMs ? undefined : ms;
  }
  const backoff = options.minDelayMs * 2 ** attempt;
  // Half fixed, half random: clients that failed together do not all come back together.
  return Math.min(options.maxDelayMs, backoff / 2 + (Math.random() * backoff) / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A fetch that sends a retry-safe request again after a network error, a 429 or a 5xx, waiting
 * as the answer's `Retry-After` says or with exponential backoff. Requests that are not retry-safe
 * (a POST without an Idempotency-Key) are sent once.
 */
export function retryingFetch(
  baseFetch: (request: Request) => Promise<Response>,
  retry: RetryOptions | false | undefined,
): (request: Request) => Promise<Response> {
  const options: Required<RetryOptions> = {
    retries: retry === false ? 0 : (retry?.retries ?? 3),
    minDelayMs: retry === false ? 0 : (retry?.minDelayMs ?? 500),
    maxDelayMs: retry === false ? 0 : (retry?.maxDelayMs ?? 30_000),
  };
  const send = async (request: Request): Promise<Response> => {
    try {
      return await baseFetch(request);
    } catch (error) {
      // A cancelled request stays what it is; any other failure means no answer came.
      if (request.signal.aborted) throw error;
      throw networkError(error, new URL(request.url).origin);
    }
  };
  return async (request) => {
    if (options.retries === 0 || !isRetrySafe(request)) return send(request);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries;
      // Each attempt sends a copy: a body can be read once, and the next attempt needs it again.
      const attemptRequest = last ? request : request.clone();
      let response: Response;
      try {
        response = await send(attemptRequest);
      } catch (error) {
        if (last || request.signal.aborted) throw error;
        await sleep(retryDelayMs(attempt, options, null) ?? 0, request.signal);
        continue;
      }
      if (last || !isRetryableStatus(response.status)) return response;
      const delay = retryDelayMs(attempt, options, response.headers.get("Retry-After"));
      if (delay === undefined) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay, request.signal);
    }
  };
}
