/** The Redis commands the limiter needs (an ioredis client fits). */
export interface RateLimitRedis {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha1: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  /** ioredis's connection state: anything but `ready` lets requests through at once. */
  readonly status?: string;
}

export interface RateLimitOptions {
  redis: RateLimitRedis;
  /** Redis key prefix (the installation's queue prefix): several installations share one Redis. */
  prefix: string;
  /** Failed authentications (401) an address may have per window before it is refused. */
  authFailures: number;
  authWindowSeconds: number;
  /** Requests one API token may make per window. */
  requestsPerToken: number;
  tokenWindowSeconds: number;
  /**
   * A connected Redis slower than this lets the request through (default 2000 ms: a busy API
   * reads Redis's answers late, and a short timeout would open the limits under exactly the
   * load they are for). A Redis that is not connected lets requests through at once.
   */
  timeoutMs?: number;
  /** How long a token that worked from an address stays "known good" there. */
  goodTokenSeconds?: number;
}
