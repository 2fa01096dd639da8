import { randomBytes } from "node:crypto";
import { createRedisConnection } from "@pagewise/queue";
import { afterAll, describe, expect, it } from "vitest";
import { RedisLease } from "./consume-lock";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("the consume lease (real Redis)", () => {
  const redis = createRedisConnection(REDIS_URL);
  const key = `pw-consume-lock-test-${randomBytes(4).toString("hex")}:consume-lock`;
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it("is held by one process at a time, renewed by its holder, and free again once released", async () => {
    const a = new RedisLease(redis, key, 60_000);
    const b = new RedisLease(redis, key, 60_000);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    // Renewing sets the expiry again (it was shortened by hand to see it).
    await redis.pexpire(key, 1_000);
    expect(await a.hold()).toBe(true);
    expect(await redis.pttl(key)).toBeGreaterThan(1_000);
    expect(await b.hold()).toBe(false);
    // Releasing by a non-holder changes nothing.
    await b.release();
    expect(await b.hold()).toBe(false);
    await a.release();
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    await b.release();
  });

  it("passes to another process when its holder stops renewing (the lease expires)", async () => {
    const a = new RedisLease(redis, key, 60_000);
    const b = new RedisLease(redis, key, 60_000);
    expect(await a.hold()).toBe(true);
    // The holder crashed: its lease runs out (expired here at once instead of after a minute).
    await redis.pexpire(key, 1);
    for (let i = 0; i < 100 && (await redis.exists(key)) === 1; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await b.hold()).toBe(true);
    expect(await a.hold()).toBe(false);
    await b.release();
  });
});
