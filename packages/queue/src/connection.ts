import { Redis, type RedisOptions } from "ioredis";

/**
 * A Redis connection as BullMQ needs it: `maxRetriesPerRequest: null` so blocking commands wait
 * through a Redis restart instead of throwing. One connection per Queue/Worker/QueueEvents.
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Reconnect with capped backoff; BullMQ resumes once Redis answers again.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    ...options,
  });
}

/** Resolves when Redis answers PING, rejects after `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}
