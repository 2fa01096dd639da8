import { createHash } from "node:crypto";
import { recordRateLimitFailOpen } from "@pagewise/metrics";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Logger } from "pino";
import type { AppEnv } from "../context";
import { errorBody } from "../http-errors";
import { remoteAddress } from "../remote-address";
import { SESSION_COOKIE } from "../session-cookie";
import type { RateLimitOptions } from "./rate-limit-options";

/**
 * Before the request. A token known good from this address passes the failure check; any other
 * attempt counts against the address's failure budget at once (so a burst cannot outrun the
 * count) and gives it back when it succeeds. Then the token's request is counted.
 * KEYS: failures, good tokens, token counter. ARGV: failure limit, failure window ms, token
 * window ms, token hash. Returns [refused, ttl ms, count, known good].
 */
const CHECK = `
local good = ARGV[4] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[4]) == 1
if not good then
  local fails = tonumber(redis.call('GET', KEYS[1]) or '0')
  if fails >= tonumber(ARGV[1]) then
    return {1, redis.call('PTTL', KEYS[1]), fails, 0}
  end
  if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
end
if ARGV[4] == '' then return {0, -1, 0, 0} end
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
return {0, redis.call('PTTL', KEYS[3]), n, good and 1 or 0}
`;

/** An unproven attempt succeeded: give its failure back and remember the token as good. */
const SUCCEEDED = `
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('DECR', KEYS[1]) <= 0 then
  redis.call('DEL', KEYS[1])
end
if ARGV[1] ~= '' then
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
return 1
`;

/** A known-good token failed (revoked meanwhile): forget it and count the failure. */
const FAILED_GOOD = `
redis.call('SREM', KEYS[2], ARGV[1])
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
`;

/**
 * The credential a request presents, for the per-token budget and the "known good from this
 * address" set: the bearer token. (A session cookie, once users sign in, belongs here too;
 * until then such requests are only subject to the failure budget.)
 */
/** The credential a request proves itself with: a bearer token, else a browser session. */
function credentialOf(c: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
  return match?.[1] ?? getCookie(c, SESSION_COOKIE) ?? null;
}

/** Every script the limiter runs (a test checks Redis keeps them by hash). */
export const RATE_LIMIT_SCRIPTS = [CHECK, SUCCEEDED, FAILED_GOOD] as const;

const sha1s = new Map<string, string>();

/**
 * Run a script by its SHA1 (`EVALSHA`): the script's text crosses the wire once per Redis start,
 * not with every request (sending it each time cost the API more than a millisecond of CPU per
 * request). Redis that does not know it yet (`NOSCRIPT`: restarted, flushed) gets it with `EVAL`.
 */
async function evalScript(
  redis: RateLimitOptions["redis"],
  script: string,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  let sha1 = sha1s.get(script);
  if (!sha1) {
    sha1 = createHash("sha1").update(script).digest("hex");
    sha1s.set(script, sha1);
  }
  try {
    return await redis.evalsha(sha1, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error).message).startsWith("NOSCRIPT")) throw error;
    return redis.eval(script, keys.length, ...keys, ...args);
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis answered not within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * Rate limits on `/v1`, kept in Redis so they hold across API processes. Mounted before
 * `requireToken`, it sees every answer of authentication:
 *
 * - Failed authentication per client address: at most `authFailures` attempts with unproven
 *   credentials may fail (401) within `authWindowSeconds` (a fixed window from the first). An
 *   attempt counts when it starts (a burst cannot outrun the count) and is given back when it
 *   succeeds. Over the budget the address is answered 429 `rate_limited` until the window ends,
 *   before any database work — except for tokens that worked from that address within
 *   `goodTokenSeconds`: a script's typo behind a shared NAT does not lock out its colleagues,
 *   while new guesses from there get nothing but 429.
 * - Requests per token: `requestsPerToken` per `tokenWindowSeconds` (a fixed window); every
 *   answer carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds);
 *   over the budget, 429 `rate_limited` with `Retry-After`.
 *
 * Tokens are keyed by the sha256 of their secret (never the secret). Requests without a bearer
 * token (e.g. a session cookie) are only subject to the failure budget. When Redis is down or
 * stalls past `timeoutMs`, the request goes through with a logged warning (at most one a
 * minute): limits must not take the API down.
 */
export function rateLimit(options: RateLimitOptions, logger: Logger): MiddlewareHandler<AppEnv> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const goodSeconds = options.goodTokenSeconds ?? 3600;
  const key = (...parts: string[]) => [options.prefix, "rate", ...parts].join(":");
  let warnedAt = 0;
  const warn = (err: unknown, letThrough: boolean) => {
    if (letThrough) recordRateLimitFailOpen();
    // One line per minute at most: a Redis outage must not flood the log.
    if (Date.now() - warnedAt < 60_000) return;
    warnedAt = Date.now();
    logger.warn(
      { err: (err as Error).message },
      "rate limits off: redis unavailable (failing open)",
    );
  };
  const run = (script: string, keys: string[], args: (string | number)[]) => {
    const status = options.redis.status;
    if (status !== undefined && status !== "ready") {
      return Promise.reject(new Error(`redis is ${status}`));
    }
    return withTimeout(evalScript(options.redis, script, keys, args), timeoutMs);
  };

  return async (c, next) => {
    const address = remoteAddress(c) ?? "unknown";
    const secret = credentialOf(c);
    const tokenKey = secret ? createHash("sha256").update(secret).digest("hex") : "";
    const failKey = key("auth-fail", address);
    const goodKey = key("auth-good", address);

    let count = 0;
    let resetMs = 0;
    let checked = false;
    let knownGood = false;
    try {
      const [refused, ttl, n, good] = (await run(
        CHECK,
        [failKey, goodKey, key("token", tokenKey)],
        [
          options.authFailures,
          options.authWindowSeconds * 1000,
          options.tokenWindowSeconds * 1000,
          tokenKey,
        ],
      )) as [number, number, number, number];
      checked = true;
      knownGood = good === 1;
      if (refused === 1) {
        const retry = seconds(ttl);
        return c.json(
          errorBody(
            "rate_limited",
            `Too many failed sign-ins from this address; try again in ${retry} s.`,
          ),
          429,
          {
            "Retry-After": String(retry),
            "RateLimit-Limit": String(options.authFailures),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": String(retry),
          },
        );
      }
      count = n;
      resetMs = ttl;
    } catch (err) {
      warn(err, true);
    }

    if (checked && secret) {
      const limit = options.requestsPerToken;
      const reset = String(seconds(resetMs));
      if (count > limit) {
        return c.json(
          errorBody(
            "rate_limited",
            `This token made more than ${limit} requests in ${options.tokenWindowSeconds} s; ` +
              `try again in ${reset} s.`,
          ),
          429,
          {
            "Retry-After": reset,
            "RateLimit-Limit": String(limit),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": reset,
          },
        );
      }
      c.header("RateLimit-Limit", String(limit));
      c.header("RateLimit-Remaining", String(Math.max(0, limit - count)));
      c.header("RateLimit-Reset", reset);
    }

    await next();

    if (!checked) return;
    try {
      const failed = c.res.status === 401;
      if (!knownGood && !failed) {
        await run(SUCCEEDED, [failKey, goodKey], [tokenKey, goodSeconds]);
      } else if (knownGood && failed) {
        await run(FAILED_GOOD, [failKey, goodKey], [tokenKey, options.authWindowSeconds * 1000]);
      }
      // An unproven attempt that failed was counted before it ran.
    } catch (err) {
      warn(err, false);
    }
  };
}
