import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConflictError,
  NetworkError,
  NotFoundError,
  networkError,
  PagewiseError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitedError,
  ServerError,
  toPagewiseError,
  ValidationError,
} from "./errors";

const body = (code: string, message = "words", details?: Record<string, unknown>) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

describe("toPagewiseError", () => {
  it.each([
    [400, "validation_failed", ValidationError],
    [400, "empty_file", ValidationError],
    [401, "unauthorized", AuthenticationError],
    [401, "token_expired", AuthenticationError],
    [403, "forbidden", PermissionDeniedError],
    [404, "not_found", NotFoundError],
    [409, "conflict", ConflictError],
    [409, "retraining_in_progress", ConflictError],
    [413, "file_too_large", PagewiseError],
    [415, "unsupported_type", PagewiseError],
    [429, "rate_limited", RateLimitedError],
    [500, "internal", ServerError],
    [503, "unavailable", ServerError],
    [507, "insufficient_storage", ServerError],
  ])("maps %i %s to its class with the API's code, message and status", (status, code, Class) => {
    const error = toPagewiseError(status, body(code, "The words.", { field: "x" }));
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(PagewiseError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toBe("The words.");
    expect(error.details).toEqual({ field: "x" });
    expect(error.name).toBe(Class.name);
  });

  it("keeps the Retry-After of a 429", () => {
    const error = toPagewiseError(429, body("rate_limited"), "7");
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(7);
  });

  it("says so when an answer is not the API's error shape", () => {
    for (const raw of [undefined, null, "<html>", { error: { code: "x" } }, { message: "m" }]) {
      const error = toPagewiseError(502, raw);
      expect(error).toBeInstanceOf(ServerError);
      expect(error.code).toBe("unexpected_response");
      expect(error.message).toBe("The server answered 502 without an explanation.");
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores what is neither", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter(" 12 ", now)).toBe(12);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("names the unreachable server and the cause once, however many layers report it", () => {
    const refused = new TypeError("fetch failed", {
      cause: new Error("connect ECONNREFUSED 127.0.0.1:9"),
    });
    const first = networkError(refused, "http://127.0.0.1:9");
    expect(first).toBeInstanceOf(NetworkError);
    expect(first.message).toBe(
      "Cannot reach Pagewise at http://127.0.0.1:9: fetch failed (connect ECONNREFUSED 127.0.0.1:9)",
    );
    expect(networkError(first)).toBe(first);
  });
});
