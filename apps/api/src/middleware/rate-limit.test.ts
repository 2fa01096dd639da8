import { createHash, randomBytes } from "node:crypto";
import { registry } from "@pagewise/metrics";
import { createRedisConnection } from "@pagewise/queue";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createTestApi, type TestApi } from "../test-harness";
import { RATE_LIMIT_SCRIPTS } from "./rate-limit";
import type { RateLimitOptions } from "./rate-limit-options";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const failOpenCount = async () =>
  (await registry.getSingleMetric("pagewise_rate_limit_fail_open_total")!.get()).values[0]?.value ??
  0;
const scriptHashes = () =>
  RATE_LIMIT_SCRIPTS.map((script) => createHash("sha1").update(script).digest("hex"));
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe.each(TEST_DIALECTS)("rate limits on %s (real Redis)", (dialect) => {
  let t: TestApi;
  const redis = createRedisConnection(REDIS_URL);
  /** Each test its own prefix: counters never leak between tests or runs. */
  const prefixes: string[] = [];
  const limited = (over: Partial<RateLimitOptions> = {}) => {
    const prefix = `pw-rl-test-${randomBytes(4).toString("hex")}`;
    prefixes.push(prefix);
    return createTestApi(dialect, undefined, {
      rateLimit: {
        redis,
        prefix,
        authFailures: 20,
        authWindowSeconds: 60,
        requestsPerToken: 600,
        tokenWindowSeconds: 60,
        ...over,
      },
    });
  };

  beforeAll(async () => {
    await redis.ping(); // connected before the first burst (the limiter fails open meanwhile)
    t = await limited();
  });
  afterAll(async () => {
    await t.close();
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
    }
    redis.disconnect();
  });

  it("answers 429 with Retry-After to most of 300 bad-token requests from one address", async () => {
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        t.app.request(
          "/v1/projects/default/documents",
          { headers: t.auth(`pw_guess_${i}_${"x".repeat(20)}`) },
          from("192.0.2.10"),
        ),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(280);
    const refused = answers.find((r) => r.status === 429)!;
    const retry = Number(refused.headers.get("Retry-After"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.headers.get("RateLimit-Limit")).toBe("20");
    expect(refused.headers.get("RateLimit-Remaining")).toBe("0");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  it("keeps serving a token that worked from that address, and other addresses", async () => {
    // The admin's token worked from 192.0.2.20 before the storm…
    const before = await t.app.request(
      "/v1/me",
      { headers: t.auth(t.adminToken) },
      from("192.0.2.20"),
    );
    expect(before.status).toBe(200);
    for (let i = 0; i < 25; i++) {
      await t.app.request(
        "/v1/me",
        { headers: t.auth(`pw_bad_${i}_xxxxxxxxxxxxxxxx`) },
        from("192.0.2.20"),
      );
    }
    const bad = await t.app.request(
      "/v1/me",
      { headers: t.auth("pw_bad_again_xxxxxxxxxx") },
      from("192.0.2.20"),
    );
    expect(bad.status).toBe(429);
    // …so it keeps working from there; the address is refused to everything else.
    const after = await t.app.request(
      "/v1/me",
      { headers: t.auth(t.adminToken) },
      from("192.0.2.20"),
    );
    expect(after.status).toBe(200);
    const elsewhere = await t.app.request(
      "/v1/me",
      { headers: t.auth(t.adminToken) },
      from("192.0.2.21"),
    );
    expect(elsewhere.status).toBe(200);
  });

  it("puts RateLimit headers on a token's answers and refuses it over its budget", async () => {
    const small = await limited({ requestsPerToken: 5 });
    prefixes.push(small.prefix);
    try {
      // One request of the admin's five makes a second token.
      const made = await small.app.request(
        "/v1/projects/default/tokens",
        {
          method: "POST",
          headers: { ...small.auth(small.adminToken), "Content-Type": "application/json" },
          body: JSON.stringify({ role: "viewer", name: "other" }),
        },
        from("192.0.2.30"),
      );
      expect(made.status).toBe(201);
      expect(made.headers.get("RateLimit-Remaining")).toBe("4");
      const other = ((await made.json()) as { token: string }).token;
      const answers = [];
      for (let i = 0; i < 6; i++) {
        answers.push(
          await small.app.request(
            "/v1/me",
            { headers: small.auth(small.adminToken) },
            from("192.0.2.30"),
          ),
        );
      }
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 429, 429]);
      expect(answers.map((r) => r.headers.get("RateLimit-Remaining"))).toEqual([
        "3",
        "2",
        "1",
        "0",
        "0",
        "0",
      ]);
      expect(answers[0]!.headers.get("RateLimit-Limit")).toBe("5");
      const reset = Number(answers[0]!.headers.get("RateLimit-Reset"));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
      expect(Number(answers[5]!.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(((await answers[5]!.json()) as { error: { code: string } }).error.code).toBe(
        "rate_limited",
      );
      // The budget is the token's, not the address's: the other token is served.
      const res = await small.app.request(
        "/v1/me",
        { headers: small.auth(other) },
        from("192.0.2.30"),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Remaining")).toBe("4");
    } finally {
      await small.close();
    }
  });

  it("keeps counting after Redis forgot its scripts (a restart), sending them by hash otherwise", async () => {
    const small = await limited({ requestsPerToken: 3 });
    try {
      const me = () =>
        small.app.request("/v1/me", { headers: small.auth(small.adminToken) }, from("192.0.2.40"));
      expect((await me()).headers.get("RateLimit-Remaining")).toBe("2");
      // What a restarted Redis knows of scripts: nothing. The next request loads them again.
      await redis.script("FLUSH");
      const after = await me();
      expect(after.status).toBe(200);
      expect(after.headers.get("RateLimit-Remaining")).toBe("1");
      expect((await me()).headers.get("RateLimit-Remaining")).toBe("0");
      expect((await me()).status).toBe(429);
      // Known to Redis by their SHA1 now: EVALSHA, not the script's text, on every request.
      const known = (await redis.script("EXISTS", ...scriptHashes())) as number[];
      expect(known[0]).toBe(1); // the check every request runs
    } finally {
      await small.close();
    }
  });

  it("lets requests through when Redis does not answer (fails open, with a warning)", async () => {
    const dead = createRedisConnection("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    dead.on("error", () => {});
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(line) });
    const app = createApp({
      db: t.db,
      blobs: undefined as never,
      producer: t.producer,
      logger,
      limits: { maxFileBytes: 1000, maxFilesPerRequest: 1 },
      checkReady: async () => ({ database: true, redis: false }),
      rateLimit: {
        redis: dead,
        prefix: "pw-rl-dead",
        authFailures: 1,
        authWindowSeconds: 60,
        requestsPerToken: 1,
        tokenWindowSeconds: 60,
        timeoutMs: 200,
      },
    });
    const before = await failOpenCount();
    for (let i = 0; i < 3; i++) {
      const res = await app.request(
        "/v1/me",
        { headers: t.auth(t.adminToken) },
        from("192.0.2.40"),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("RateLimit-Limit")).toBeNull();
    }
    expect(lines.join("")).toContain("failing open");
    // One warning for the three requests; each one counted.
    expect(lines.filter((l) => l.includes("failing open"))).toHaveLength(1);
    expect((await failOpenCount()) - before).toBe(3);
    dead.disconnect();
  });
});
