import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLayout, upload, waitForTerminal } from "./support/documents";
import { Platform, REDIS_URL, ROOT, sleep } from "./support/platform";

const RECEIPT = join(ROOT, "test/fixtures/sroie/files/X51005442341.jpg");

/**
 * Until the document's first page is being read. By id: a background page render of an earlier
 * document may be active in the same queue.
 */
async function waitForActiveRead(queue: Queue, documentId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const readJob = `read-${documentId}-1-0`;
  while ((await (await queue.getJob(readJob))?.getState()) !== "active") {
    if (Date.now() > deadline) throw new Error("no job became active");
    await sleep(50);
  }
}

async function events(platform: Platform, id: string): Promise<{ type: string }[]> {
  const res = await platform.request(`/v1/projects/default/documents/${id}/events`);
  return ((await res.json()) as { items: { type: string }[] }).items;
}

describe("crash recovery", () => {
  const platform = new Platform({
    // Short locks so that a killed worker's job is taken over within seconds, and a reconciler
    // that looks often (production defaults are 30 s and minutes).
    workerEnv: {
      PAGEWISE_JOB_LOCK_MS: "4000",
      PAGEWISE_STALLED_CHECK_MS: "2000",
      PAGEWISE_RECONCILE_EVERY_MS: "2000",
      PAGEWISE_STALE_AFTER_MS: "3000",
    },
  });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  beforeAll(() => platform.start());
  afterAll(async () => {
    redis.disconnect();
    await platform.stop();
  });

  it("finishes a document exactly once when its worker is killed while reading it", async () => {
    const reading = new Queue("reading", { connection: redis, prefix: platform.prefix });
    const [id] = await upload(platform, [RECEIPT]);
    // Wait until the OCR of the page is under way, then kill the worker without warning.
    await waitForActiveRead(reading, id!);
    platform.killWorker();
    await sleep(500);
    expect((await waitForTerminal(platform, id!, 5_000).catch(() => null))?.status).toBeUndefined();
    await platform.startWorker();

    const doc = await waitForTerminal(platform, id!, 120_000);
    expect(doc.status).toBe("needs_review"); // no model yet: layout only
    const layout = await getLayout(platform, id!);
    expect(layout.pages).toHaveLength(1);
    expect(layout.pages[0]!.tokens.length).toBeGreaterThan(10);
    const types = (await events(platform, id!)).map((e) => e.type);
    expect(types.filter((t) => t === "document.processed")).toHaveLength(1);
    await reading.close();
  });

  it("restarts documents whose jobs vanished from Redis", async () => {
    platform.killWorker();
    const [id] = await upload(platform, [
      join(ROOT, "test/fixtures/invoice2data/files/AmazonWebServices.pdf"),
    ]);
    // Lose every job, as a Redis restart without persistence or a FLUSHALL would.
    const keys = await redis.keys(`${platform.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await platform.startWorker();

    const doc = await waitForTerminal(platform, id!, 60_000);
    expect(doc.status).toBe("needs_review"); // no model yet: layout only
    const types = (await events(platform, id!)).map((e) => e.type);
    expect(types).toContain("document.restarted");
    expect(types.filter((t) => t === "document.processed")).toHaveLength(1);
  });

  it("finishes the job in hand and exits cleanly on SIGTERM", async () => {
    const reading = new Queue("reading", { connection: redis, prefix: platform.prefix });
    const [id] = await upload(platform, [RECEIPT]);
    await waitForActiveRead(reading, id!);
    const exitCode = await platform.terminateWorker();
    expect(exitCode).toBe(0);
    // The OCR that was under way was finished and stored before the worker left.
    const job = await reading.getJob(`read-${id}-1-0`);
    expect(await job?.getState()).toBe("completed");
    await platform.startWorker();
    expect((await waitForTerminal(platform, id!, 60_000)).status).toBe("needs_review");
    const types = (await events(platform, id!)).map((e) => e.type);
    expect(types).not.toContain("document.restarted");
    await reading.close();
  });
});
