import { randomBytes } from "node:crypto";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobPresence } from "./job-presence";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("jobPresence on a real Redis", () => {
  let producer: JobProducer;
  let redis: ReturnType<typeof createRedisConnection>;
  const prefix = `pw-presence-${randomBytes(4).toString("hex")}`;

  beforeAll(() => {
    redis = createRedisConnection(REDIS_URL);
    producer = new JobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it("sees a waiting job as live, and a missing one as absent", async () => {
    const queue = producer.queue("pipeline");
    await queue.add("document.ingest", { documentId: "d1", run: 1 }, { jobId: "presence-live" });
    expect(await jobPresence(queue, ["presence-gone", "presence-live"])).toEqual({
      any: true,
      live: true,
    });
    expect(await jobPresence(queue, ["presence-gone"])).toEqual({ any: false, live: false });
  });

  it("counts a job hash that sits in no state (its lists lost) as vanished, not present", async () => {
    const queue = producer.queue("pipeline");
    await queue.add("document.ingest", { documentId: "d2", run: 1 }, { jobId: "presence-husk" });
    // What a partial loss leaves: the job's hash without the list that made it waiting.
    await redis.del(`${prefix}:pipeline:wait`);
    expect(await (await queue.getJob("presence-husk"))?.getState()).toBe("unknown");
    expect(await jobPresence(queue, ["presence-husk"])).toEqual({ any: false, live: false });
  });
});
