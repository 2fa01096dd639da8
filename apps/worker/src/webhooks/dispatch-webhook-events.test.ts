import { randomBytes } from "node:crypto";
import { createRedisConnection, JobProducer } from "@pagewise/queue";
import {
  createProject,
  createWebhook,
  listWebhookDeliveriesPage,
  recordEvent,
} from "@pagewise/storage";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "@pagewise/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchWebhookEvents } from "./dispatch-webhook-events";

const REDIS_URL = process.env.PAGEWISE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe.each(TEST_DIALECTS)("the webhook dispatcher on %s", (dialect) => {
  let t: TestDatabase;
  let producer: JobProducer;
  let redis: ReturnType<typeof createRedisConnection>;
  const prefix = `pw-webhook-test-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    redis = createRedisConnection(REDIS_URL);
    producer = new JobProducer(redis, prefix);
  });
  afterAll(async () => {
    await producer.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await t.drop();
  });

  const deps = () => ({ db: t.db, producer, logger: pino({ level: "silent" }) });

  it("turns each subscribed event recorded after the webhook into one delivery and one job, however often it runs", async () => {
    const project = await createProject(t.db, { name: "dispatch" });
    const other = await createProject(t.db, { name: "elsewhere" });
    await recordEvent(t.db, {
      projectId: project.id,
      documentId: "doc_before",
      type: "document.failed",
      data: { code: "corrupt_pdf" },
    });
    // Strictly later than the event above (times have millisecond resolution).
    await new Promise((r) => setTimeout(r, 5));
    const { webhook } = await createWebhook(t.db, {
      projectId: project.id,
      url: "https://8.8.8.8/h",
      events: ["document.failed", "document.needs_review"],
    });
    const record = (projectId: string, documentId: string, type: string, data = {}) =>
      recordEvent(t.db, { projectId, documentId, type, data });
    await record(project.id, "doc_1", "document.failed", { code: "read_timeout" });
    await record(project.id, "doc_2", "document.processed", { status: "needs_review" });
    await record(project.id, "doc_3", "document.processed", { status: "processed" });
    await record(project.id, "doc_4", "document.uploaded");
    await record(other.id, "doc_5", "document.failed", { code: "corrupt_pdf" });

    expect(await dispatchWebhookEvents(deps())).toBe(2);
    // Run again (and as a second worker would): nothing new.
    const [again, twin] = await Promise.all([
      dispatchWebhookEvents(deps()),
      dispatchWebhookEvents(deps()),
    ]);
    expect(again + twin).toBe(0);

    const page = await listWebhookDeliveriesPage(t.db, webhook.id, { limit: 10 });
    const byDocument = page.items
      .map((d) => [
        d.eventType,
        (JSON.parse(d.payload) as { data: { documentId: string } }).data.documentId,
      ])
      .sort();
    expect(byDocument).toEqual([
      ["document.failed", "doc_1"],
      ["document.needs_review", "doc_2"],
    ]);
    const queue = producer.queue("webhooks");
    for (const d of page.items) {
      const job = await queue.getJob(`webhook-${d.id}-1`);
      expect(job?.data).toEqual({ deliveryId: d.id, attempt: 1 });
    }
    expect(await queue.count()).toBe(2);
  });
});
