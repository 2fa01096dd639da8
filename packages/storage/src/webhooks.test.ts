import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DecryptionError } from "./encryption/envelope";
import { FieldEncryption } from "./encryption/field-encryption";
import { generateMasterKey, MasterKeyring } from "./encryption/keyring";
import { recordEvent } from "./events";
import { createProject } from "./projects";
import type { Db } from "./schema";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import { resealWebhookSecrets } from "./webhook-secrets";
import {
  advanceWebhookCursor,
  createWebhook,
  getWebhookWithSecret,
  listEnabledWebhooks,
  listWebhookSourceEvents,
  recordWebhookAttempt,
  updateWebhook,
} from "./webhooks";

describe.each(TEST_DIALECTS)("webhooks in storage on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  const oldKey = generateMasterKey();
  const newKey = generateMasterKey();
  const withKeys = (...keys: Buffer[]): Db =>
    t.db.withPlugin(new FieldEncryption(new MasterKeyring(keys)));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "hooks" })).id;
  });
  afterAll(() => t.drop());

  it("keeps the secret sealed by the master key, readable only with it, and re-sealed by a rotation", async () => {
    const db = withKeys(oldKey);
    const { webhook, secret } = await createWebhook(db, {
      projectId,
      url: "https://8.8.8.8/h",
      events: ["document.processed"],
    });
    const raw = await t.db
      .selectFrom("webhooks")
      .selectAll()
      .where("id", "=", webhook.id)
      .executeTakeFirstOrThrow();
    expect(raw.secret.startsWith("enc:v1:m:")).toBe(true);
    expect(raw.secret).not.toContain(secret);
    expect((await getWebhookWithSecret(db, webhook.id))?.secret).toBe(secret);
    // A process without the key cannot sign with it.
    await expect(getWebhookWithSecret(withKeys(newKey), webhook.id)).rejects.toBeInstanceOf(
      DecryptionError,
    );

    const both = new MasterKeyring([newKey, oldKey]);
    expect(await resealWebhookSecrets(t.db, both)).toBeGreaterThanOrEqual(1);
    expect((await getWebhookWithSecret(withKeys(newKey), webhook.id))?.secret).toBe(secret);
    expect(await resealWebhookSecrets(t.db, both)).toBe(0);
  });

  it("stores the secret in clear on a handle without encryption", async () => {
    const { webhook, secret } = await createWebhook(t.db, {
      projectId,
      url: "https://8.8.8.8/clear",
      events: ["document.failed"],
      secret: "a-given-secret-123",
    });
    expect(secret).toBe("a-given-secret-123");
    expect((await getWebhookWithSecret(t.db, webhook.id))?.secret).toBe(secret);
  });

  it("disables a webhook at the n-th failed attempt in a row; a success resets the count", async () => {
    const { webhook } = await createWebhook(t.db, {
      projectId,
      url: "https://8.8.8.8/f",
      events: ["document.failed"],
    });
    expect(await recordWebhookAttempt(t.db, webhook.id, false, 3)).toEqual({ disabled: false });
    expect(await recordWebhookAttempt(t.db, webhook.id, false, 3)).toEqual({ disabled: false });
    await recordWebhookAttempt(t.db, webhook.id, true, 3);
    expect(await recordWebhookAttempt(t.db, webhook.id, false, 3)).toEqual({ disabled: false });
    expect(await recordWebhookAttempt(t.db, webhook.id, false, 3)).toEqual({ disabled: false });
    expect(await recordWebhookAttempt(t.db, webhook.id, false, 3)).toEqual({ disabled: true });
    const after = (await getWebhookWithSecret(t.db, webhook.id))!.webhook;
    expect(after).toMatchObject({ enabled: false, disabledReason: "too_many_failures" });
    expect((await listEnabledWebhooks(t.db)).map((w) => w.id)).not.toContain(webhook.id);
    const again = await updateWebhook(t.db, projectId, webhook.id, { enabled: true });
    expect(again).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it("reads the project's source events in order, paged, and moves the cursor only forward", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    await recordEvent(t.db, { projectId, type: "document.uploaded", documentId: "doc_a" });
    await recordEvent(t.db, { projectId, type: "document.failed", documentId: "doc_a" });
    await recordEvent(t.db, { projectId, type: "training.failed" });
    const first = await listWebhookSourceEvents(t.db, projectId, since, null, 1);
    expect(first.map((e) => e.type)).toEqual(["document.failed"]);
    const rest = await listWebhookSourceEvents(t.db, projectId, since, first[0]!, 10);
    expect(rest.map((e) => e.type)).toEqual(["training.failed"]);

    const { webhook } = await createWebhook(t.db, {
      projectId,
      url: "https://8.8.8.8/c",
      events: ["document.failed"],
    });
    const cursor = async () =>
      (await listEnabledWebhooks(t.db)).find((w) => w.id === webhook.id)!.cursorAt;
    await advanceWebhookCursor(t.db, webhook.id, "2999-01-01T00:00:00.000Z");
    await advanceWebhookCursor(t.db, webhook.id, "2000-01-01T00:00:00.000Z");
    expect(await cursor()).toBe("2999-01-01T00:00:00.000Z");
  });
});
