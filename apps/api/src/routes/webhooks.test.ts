import { getProjectByName, insertWebhookDelivery } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

interface WebhookJson {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  secret?: string;
}
interface DeliveryJson {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  redeliveryOf: string | null;
  payload: { id: string; type: string; projectId: string; data: Record<string, unknown> };
}

describe.each(TEST_DIALECTS)("webhook routes on %s", (dialect) => {
  let t: TestApi;
  let reviewerToken: string;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    const res = await call("/v1/projects/default/tokens", "POST", {
      name: "reviewer",
      role: "reviewer",
    });
    reviewerToken = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => t.close());

  function call(path: string, method = "GET", body?: unknown, token?: string) {
    return t.app.request(path, {
      method,
      headers: {
        ...t.auth(token ?? t.adminToken),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const hooks = "/v1/projects/default/webhooks";

  it("creates a webhook with a generated secret shown once, and lists it without the secret", async () => {
    const res = await call(hooks, "POST", {
      url: "https://8.8.8.8/pagewise",
      events: ["document.processed", "document.needs_review", "document.processed"],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as WebhookJson;
    expect(created).toMatchObject({
      url: "https://8.8.8.8/pagewise",
      events: ["document.processed", "document.needs_review"],
      enabled: true,
      disabledReason: null,
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = (await (await call(hooks)).json()) as { items: WebhookJson[] };
    const listed = list.items.find((w) => w.id === created.id);
    expect(listed?.url).toBe(created.url);
    expect(listed).not.toHaveProperty("secret");
    expect(JSON.stringify(list)).not.toContain(created.secret);
    const one = (await (await call(`${hooks}/${created.id}`)).json()) as WebhookJson;
    expect(one).not.toHaveProperty("secret");
  });

  it("keeps a secret the admin gives", async () => {
    const res = await call(hooks, "POST", {
      url: "https://8.8.4.4/x",
      events: ["model.promoted"],
      secret: "my-own-secret-of-some-length",
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as WebhookJson).secret).toBe("my-own-secret-of-some-length");
  });

  it("refuses private, loopback, link-local and non-http URLs with 422 webhook_url_not_allowed", async () => {
    for (const url of [
      "http://127.0.0.1:8080/hook",
      "http://localhost/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.5/hook",
      "http://[::1]/hook",
      "ftp://8.8.8.8/hook",
    ]) {
      const res = await call(hooks, "POST", { url, events: ["document.failed"] });
      expect(res.status, url).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "webhook_url_not_allowed",
      );
    }
  });

  it("refuses unknown events and an empty list with 400", async () => {
    for (const events of [["document.exploded"], []]) {
      const res = await call(hooks, "POST", { url: "https://8.8.8.8/", events });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
  });

  it("is for admins only", async () => {
    expect((await call(hooks, "GET", undefined, reviewerToken)).status).toBe(403);
    const res = await call(
      hooks,
      "POST",
      { url: "https://8.8.8.8/", events: ["document.failed"] },
      reviewerToken,
    );
    expect(res.status).toBe(403);
  });

  it("lists deliveries newest first, redelivers one as a new queued delivery, and refuses while disabled", async () => {
    const created = (await (
      await call(hooks, "POST", { url: "https://8.8.8.8/d", events: ["document.failed"] })
    ).json()) as WebhookJson;
    const project = (await getProjectByName(t.db, "default"))!;
    const event = (n: number) => ({
      id: `evt_test_${n}`,
      type: "document.failed" as const,
      createdAt: new Date().toISOString(),
      projectId: project.id,
      data: { documentId: `doc_${n}`, code: "corrupt_pdf" },
    });
    const first = await insertWebhookDelivery(t.db, { webhookId: created.id, event: event(1) });
    const second = await insertWebhookDelivery(t.db, { webhookId: created.id, event: event(2) });
    // The same event again makes no second delivery.
    expect(await insertWebhookDelivery(t.db, { webhookId: created.id, event: event(1) })).toBe(
      null,
    );

    const page1 = (await (await call(`${hooks}/${created.id}/deliveries?limit=1`)).json()) as {
      items: DeliveryJson[];
      nextCursor: string | null;
    };
    expect(page1.items.map((d) => d.id)).toEqual([second!.id]);
    const page2 = (await (
      await call(`${hooks}/${created.id}/deliveries?limit=1&cursor=${page1.nextCursor}`)
    ).json()) as { items: DeliveryJson[]; nextCursor: string | null };
    expect(page2.items.map((d) => d.id)).toEqual([first!.id]);
    expect(page2.nextCursor).toBeNull();
    expect(page2.items[0]).toMatchObject({
      eventId: "evt_test_1",
      eventType: "document.failed",
      status: "pending",
      attempts: 0,
      payload: { id: "evt_test_1", data: { documentId: "doc_1", code: "corrupt_pdf" } },
    });

    const again = await call(`${hooks}/${created.id}/deliveries/${first!.id}/redeliver`, "POST");
    expect(again.status, await again.clone().text()).toBe(202);
    const redelivery = (await again.json()) as DeliveryJson;
    expect(redelivery).toMatchObject({
      redeliveryOf: first!.id,
      eventId: "evt_test_1",
      status: "pending",
    });
    expect(redelivery.id).not.toBe(first!.id);
    const job = await t.producer.queue("webhooks").getJob(`webhook-${redelivery.id}-1`);
    expect(job?.name).toBe("webhook.deliver");
    expect(job?.data).toEqual({ deliveryId: redelivery.id, attempt: 1 });

    const off = await call(`${hooks}/${created.id}`, "PATCH", { enabled: false });
    expect(((await off.json()) as WebhookJson).disabledReason).toBe("disabled_by_user");
    const refused = await call(`${hooks}/${created.id}/deliveries/${first!.id}/redeliver`, "POST");
    expect(refused.status).toBe(409);
    const on = await call(`${hooks}/${created.id}`, "PATCH", { enabled: true });
    expect((await on.json()) as WebhookJson).toMatchObject({ enabled: true, disabledReason: null });

    expect(
      (await call(`${hooks}/${created.id}/deliveries/whd_nope/redeliver`, "POST")).status,
    ).toBe(404);
  });

  it("changes only what a PATCH names and checks a new URL", async () => {
    const created = (await (
      await call(hooks, "POST", { url: "https://8.8.8.8/p", events: ["document.failed"] })
    ).json()) as WebhookJson;
    const res = await call(`${hooks}/${created.id}`, "PATCH", { events: ["training.failed"] });
    expect((await res.json()) as WebhookJson).toMatchObject({
      url: "https://8.8.8.8/p",
      events: ["training.failed"],
    });
    const bad = await call(`${hooks}/${created.id}`, "PATCH", { url: "http://127.0.0.1/" });
    expect(bad.status).toBe(422);
  });

  it("deletes a webhook; then it is gone", async () => {
    const created = (await (
      await call(hooks, "POST", { url: "https://8.8.8.8/gone", events: ["document.failed"] })
    ).json()) as WebhookJson;
    expect((await call(`${hooks}/${created.id}`, "DELETE")).status).toBe(204);
    expect((await call(`${hooks}/${created.id}`)).status).toBe(404);
    expect((await call(`${hooks}/${created.id}`, "DELETE")).status).toBe(404);
    expect((await call(`${hooks}/${created.id}/deliveries`)).status).toBe(404);
  });
});

describe("webhook routes with PAGEWISE_WEBHOOK_ALLOW_PRIVATE", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi("sqlite", undefined, { webhooks: { allowPrivate: true } });
  });
  afterAll(() => t.close());

  it("accept a receiver on 127.0.0.1, still only over http(s)", async () => {
    const post = (url: string) =>
      t.app.request("/v1/projects/default/webhooks", {
        method: "POST",
        headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ url, events: ["document.processed"] }),
      });
    expect((await post("http://127.0.0.1:9999/hook")).status).toBe(201);
    expect((await post("file:///etc/passwd")).status).toBe(422);
  });
});
