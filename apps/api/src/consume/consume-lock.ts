import { randomUUID } from "node:crypto";

/** The one Redis command the lease needs (an ioredis client fits). */
export interface LeaseRedis {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

// Renew when this holder has it, else take it when free: one atomic step.
const HOLD = `
local holder = redis.call("get", KEYS[1])
if holder == ARGV[1] then redis.call("pexpire", KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2])
return 1`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A lease in Redis that at most one process holds (SET NX PX semantics, in one script with the
 * renewal): take it when free, renew it while holding it, give it back on shutdown. A holder that
 * stops renewing (crashed, cut off from Redis) loses it after `ttlMs`; another process then takes
 * over.
 */
export class RedisLease {
  private readonly token = randomUUID();

  constructor(
    private readonly redis: LeaseRedis,
    readonly key: string,
    readonly ttlMs: number,
  ) {}

  /** Take the lease if it is free, or renew it if this process holds it; false: another holds it. */
  async hold(): Promise<boolean> {
    return (await this.redis.eval(HOLD, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  /** Give the lease back (only if this process still holds it). */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }
}
