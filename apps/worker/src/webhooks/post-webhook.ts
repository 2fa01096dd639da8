import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isPagewiseError } from "@pagewise/core";
import { checkWebhookUrl, guardedLookup } from "@pagewise/queue";

/** What one attempt came to: the receiver's status, or why there was none. */
export interface WebhookAttemptResult {
  /** The HTTP status (any, 2xx or not), null when there was no answer. */
  status: number | null;
  /** `http_<status>` for a non-2xx answer, `timeout`, `network: <code>`, `url_not_allowed: …`. */
  error: string | null;
  durationMs: number;
}

/** At most this much of a receiver's answer is read (and thrown away). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POST `body` to a webhook's URL. The URL is checked again (scheme, literal addresses) and the
 * connection's own DNS lookup refuses non-public addresses (unless `allowPrivate`), so a name
 * rebound to an internal address since the webhook was saved is refused. Redirects are not
 * followed (a 3xx is a failed attempt). Never throws.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<WebhookAttemptResult> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): WebhookAttemptResult => ({
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let target: URL;
  try {
    target = await checkWebhookUrl(url, { allowPrivate: options.allowPrivate });
  } catch (error) {
    return done(null, `url_not_allowed: ${isPagewiseError(error) ? error.message : String(error)}`);
  }
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(status, error));
    };
    const req = request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate) as never,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const end = () => finish(status, status >= 200 && status < 300 ? null : `http_${status}`);
        res.on("end", end);
        res.on("close", end);
        res.on("error", end);
      },
    );
    const timer = setTimeout(() => {
      finish(null, "timeout");
      req.destroy();
    }, options.timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) => {
      finish(
        null,
        err.code === "WEBHOOK_URL_NOT_ALLOWED"
          ? `url_not_allowed: ${err.message}`
          : `network: ${err.code ?? err.message}`,
      );
    });
    req.end(body);
  });
}
