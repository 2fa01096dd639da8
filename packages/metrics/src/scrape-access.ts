import { timingSafeEqual } from "node:crypto";

export interface ScrapeRequest {
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  /** The TCP peer's address (undefined when unknown: treated as remote). */
  remoteAddress: string | undefined;
  /** The request went through a proxy (`Forwarded` / `X-Forwarded-For`): not a local caller. */
  forwarded: boolean;
}

/** 200: serve the metrics; 401: a token is configured and was not sent; 404: not for you. */
export type ScrapeDecision = 200 | 401 | 404;

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Who may read `/metrics`. With `PAGEWISE_METRICS_TOKEN` set, exactly the callers that send
 * `Authorization: Bearer <token>` (from anywhere); without it, only local callers (loopback, not
 * proxied), and the endpoint does not exist (404) for everyone else.
 */
export function decideScrape(token: string | undefined, request: ScrapeRequest): ScrapeDecision {
  if (token) {
    const match = /^Bearer\s+(\S+)$/i.exec(request.authorization ?? "");
    return match?.[1] && sameSecret(match[1], token) ? 200 : 401;
  }
  return isLoopbackAddress(request.remoteAddress) && !request.forwarded ? 200 : 404;
}
