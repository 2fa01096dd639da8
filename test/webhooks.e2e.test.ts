import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { verifyWebhookSignature } from "@pagewise/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT, sleep } from "./support/platform";

// A PDF with a text layer (no OCR) and one pdf.js cannot open (the document fails corrupt_pdf).
const INVOICE = join(ROOT, "test/fixtures/invoice2data/files/FlipkartInvoice.pdf");
const BROKEN = join(ROOT, "test/fixtures/pdfjs_malformed/files/bug1020226.pdf");
const BACKOFF_MS = 300;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Receiver's clock (ms), to see the back-off between attempts. */
  at: number;
}

/** A real HTTP receiver on 127.0.0.1: records every request, answers what `answer` says. */
class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer per path, in order; the last one repeats. Default 200. */
  readonly answers = new Map<string, number[]>();
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        this.received.push({
          path,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: performance.now(),
        });
        const plan = this.answers.get(path) ?? [200];
        const status = plan.length > 1 ? (plan.shift() as number) : (plan[0] ?? 200);
        res.writeHead(status, { "Content-Type": "text/plain" }).end(String(status));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async waitFor(what: string, ready: () => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

interface WebhookJson {
  id: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  secret?: string;
}
interface DeliveryJson {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  redeliveryOf: string | null;
}

describe("webhooks", () => {
  const receiver = new Receiver();
  const env = { PAGEWISE_WEBHOOK_ALLOW_PRIVATE: "true" };
  const platform = new Platform({
    apiEnv: env,
    workerEnv: {
      ...env,
      PAGEWISE_WEBHOOK_BACKOFF_MS: String(BACKOFF_MS),
      PAGEWISE_WEBHOOK_MAX_ATTEMPTS: "3",
      PAGEWISE_WEBHOOK_DISABLE_AFTER: "4",
      PAGEWISE_WEBHOOK_TIMEOUT_MS: "5000",
      PAGEWISE_WEBHOOK_DISPATCH_EVERY_MS: "200",
    },
  });
  beforeAll(async () => {
    await receiver.start();
    await platform.start();
  });
  afterAll(async () => {
    await platform.stop();
    await receiver.stop();
  });

  const hooks = "/v1/projects/default/webhooks";
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  async function createHook(path: string, events: string[]): Promise<WebhookJson> {
    const res = await platform.request(hooks, json("POST", { url: receiver.url + path, events }));
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as WebhookJson;
  }
  async function deliveries(hookId: string): Promise<DeliveryJson[]> {
    const res = await platform.request(`${hooks}/${hookId}/deliveries?limit=200`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: DeliveryJson[] }).items;
  }
  async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  it("delivers a signed document.needs_review event that verifies, and a tampered body does not", async () => {
    const hook = await createHook("/a", ["document.needs_review", "document.processed"]);
    expect(hook.secret).toMatch(/^whsec_/);
    const [id] = await upload(platform, [INVOICE]);
    const doc = await waitForTerminal(platform, id!, 180_000);
    // No model yet: the document waits for review.
    expect(doc.status).toBe("needs_review");
    await receiver.waitFor("the delivery to /a", () => receiver.at("/a").length >= 1);
    const [got] = receiver.at("/a");
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["pagewise-event"]).toBe("document.needs_review");
    const body = JSON.parse(got!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: "document.needs_review",
      data: { documentId: id, status: "needs_review", reasons: [{ code: "no_model" }] },
    });
    expect(body.id).toMatch(/^evt_/);
    expect(typeof body.projectId).toBe("string");

    const header = got!.headers["pagewise-signature"] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhookSignature(hook.secret!, header, got!.body)).toBe(true);
    const tampered = got!.body.replace("needs_review", "processed");
    expect(await verifyWebhookSignature(hook.secret!, header, tampered)).toBe(false);
    expect(await verifyWebhookSignature("whsec_not_the_secret", header, got!.body)).toBe(false);

    const log = await eventually("a succeeded delivery", async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === "succeeded" ? items : undefined;
    });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: got!.headers["pagewise-delivery"],
      eventId: body.id,
      eventType: "document.needs_review",
      attempts: 1,
      responseStatus: 200,
      error: null,
    });
  });

  it("retries a 500 with back-off, logs both attempts' outcome, and redelivers by hand", async () => {
    receiver.answers.set("/flaky", [500, 200]);
    const hook = await createHook("/flaky", ["document.failed"]);
    const [id] = await upload(platform, [BROKEN]);
    const doc = await waitForTerminal(platform, id!, 120_000);
    expect(doc.status).toBe("failed");
    await receiver.waitFor("two attempts at /flaky", () => receiver.at("/flaky").length >= 2);
    const [first, second] = receiver.at("/flaky");
    // The same delivery of the same event, signed afresh.
    expect(second!.body).toBe(first!.body);
    expect(second!.headers["pagewise-delivery"]).toBe(first!.headers["pagewise-delivery"]);
    expect(JSON.parse(first!.body)).toMatchObject({
      type: "document.failed",
      data: { documentId: id, code: "corrupt_pdf" },
    });
    // The back-off is a minimum the queue guarantees (a delayed job), never less.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(BACKOFF_MS);
    for (const r of [first!, second!]) {
      const check = await verifyWebhookSignature(
        hook.secret!,
        r.headers["pagewise-signature"] as string,
        r.body,
      );
      expect(check).toBe(true);
    }
    const [delivery] = await eventually("the retried delivery to succeed", async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === "succeeded" ? items : undefined;
    });
    expect(delivery).toMatchObject({ attempts: 2, responseStatus: 200, error: null });

    const res = await platform.request(`${hooks}/${hook.id}/deliveries/${delivery!.id}/redeliver`, {
      method: "POST",
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const again = (await res.json()) as DeliveryJson;
    expect(again).toMatchObject({ redeliveryOf: delivery!.id, eventId: delivery!.eventId });
    await receiver.waitFor("the redelivery", () => receiver.at("/flaky").length >= 3);
    const third = receiver.at("/flaky")[2]!;
    expect(third.headers["pagewise-delivery"]).toBe(again.id);
    expect(JSON.parse(third.body).id).toBe(delivery!.eventId);
    const log = await eventually("the redelivery in the log", async () => {
      const items = await deliveries(hook.id);
      return items.find((d) => d.id === again.id)?.status === "succeeded" ? items : undefined;
    });
    expect(log.map((d) => d.id)).toEqual([again.id, delivery!.id]);
  });

  it("disables a webhook after failed attempts in a row, and delivers again once enabled", async () => {
    receiver.answers.set("/dead", [503]);
    const hook = await createHook("/dead", ["document.failed"]);
    const ids = await upload(platform, [BROKEN, BROKEN]);
    for (const id of ids)
      expect((await waitForTerminal(platform, id, 120_000)).status).toBe("failed");
    const disabled = await eventually("the webhook to be disabled", async () => {
      const res = await platform.request(`${hooks}/${hook.id}`);
      const body = (await res.json()) as WebhookJson;
      return body.enabled ? undefined : body;
    });
    expect(disabled.disabledReason).toBe("too_many_failures");
    // Every delivery ends (failed, or skipped once the webhook was off); each attempt made
    // reached the receiver, and at least the four that disabled it were made.
    const ended = await eventually("every delivery to end", async () => {
      const items = await deliveries(hook.id);
      return items.length === 2 && items.every((d) => d.status !== "pending") ? items : undefined;
    });
    for (const d of ended) {
      expect(["failed", "skipped"]).toContain(d.status);
      expect(d.error).toBe("http_503");
    }
    const attempts = ended.reduce((n, d) => n + d.attempts, 0);
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(receiver.at("/dead")).toHaveLength(attempts);

    // A disabled webhook cannot be redelivered to; enabled again, it gets new events only.
    const refused = await platform.request(
      `${hooks}/${hook.id}/deliveries/${ended[0]!.id}/redeliver`,
      { method: "POST" },
    );
    expect(refused.status).toBe(409);
    receiver.answers.set("/dead", [200]);
    const enabled = await platform.request(`${hooks}/${hook.id}`, json("PATCH", { enabled: true }));
    expect((await enabled.json()) as WebhookJson).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    const [id] = await upload(platform, [BROKEN]);
    await waitForTerminal(platform, id!, 120_000);
    const log = await eventually("a delivery after enabling", async () => {
      const items = await deliveries(hook.id);
      return items.some((d) => d.status === "succeeded") ? items : undefined;
    });
    expect(log).toHaveLength(3);
    const delivered = log.find((d) => d.status === "succeeded")!;
    expect(delivered).toMatchObject({ attempts: 1, responseStatus: 200 });
    expect(JSON.parse(receiver.at("/dead").at(-1)!.body).data.documentId).toBe(id);

    // The worker counts attempts by outcome (docs/metrics.md); it counts each one right after
    // recording it, so the last one may lag the log by a moment.
    const count = (metrics: string, outcome: string) =>
      Number(
        new RegExp(`^pagewise_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)`, "m").exec(
          metrics,
        )?.[1] ?? 0,
      );
    const metrics = await eventually("the delivery counters", async () => {
      const text = await (
        await fetch(`http://127.0.0.1:${platform.workerMetricsPorts[0]}/metrics`)
      ).text();
      // /a once, /flaky's second attempt and its redelivery, /dead once enabled again; /flaky's
      // first attempt was retried; the attempt that disabled /dead ended its delivery.
      const done =
        count(text, "succeeded") >= 4 && count(text, "retrying") >= 1 && count(text, "failed") >= 1;
      return done ? text : undefined;
    });
    expect(count(metrics, "succeeded")).toBeGreaterThanOrEqual(4);
  });
});
