import { createModelVersion, markVersionReady } from "@pagewise/registry";
import { testLineage } from "@pagewise/registry/testing";
import { getProjectByName } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const pdfBytes = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/** What @hono/node-server puts in `c.env`: the TCP peer the audit log records. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

const lineage = testLineage("uploaded");

interface AuditEventJson {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; name: string | null };
  action: string;
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
  remoteAddress: string | null;
  userAgent: string | null;
}
interface AuditPage {
  items: AuditEventJson[];
  nextCursor: string | null;
}

describe.each(TEST_DIALECTS)("the audit log on %s", (dialect) => {
  let t: TestApi;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    const me = await t.app.request("/v1/me", { headers: t.auth(t.adminToken) });
    adminId = ((await me.json()) as { token: { id: string } }).token.id;
  });
  afterAll(() => t.close());

  const call = (path: string, init: RequestInit = {}, address = "203.0.113.9") =>
    t.app.request(
      path,
      {
        ...init,
        headers: { ...t.auth(t.adminToken), "User-Agent": "audit-test/1", ...init.headers },
      },
      from(address),
    );
  const json = (body: unknown): RequestInit => ({
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const events = async (query = "", token = t.adminToken): Promise<AuditPage> => {
    const res = await t.app.request(`/v1/projects/default/audit-events${query}`, {
      headers: t.auth(token),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as AuditPage;
  };

  it("records tokens, settings, uploads, downloads and deletions: who, what, when, from where", async () => {
    const created = await call("/v1/projects/default/tokens", {
      method: "POST",
      ...json({ role: "viewer", name: "dashboards" }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string };
    expect(
      (await call(`/v1/projects/default/tokens/${token.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    const patched = await call("/v1/projects/default", {
      method: "PATCH",
      ...json({ settings: { confidenceThreshold: 0.9 } }),
    });
    expect(patched.status, await patched.clone().text()).toBe(200);
    const body = new FormData();
    body.append("file", new File([pdfBytes], "secret-name.pdf"));
    const upload = await call("/v1/projects/default/documents", { method: "POST", body });
    expect(upload.status).toBe(202);
    const docId = ((await upload.json()) as { documents: { id: string }[] }).documents[0]!.id;
    expect((await call(`/v1/projects/default/documents/${docId}/file`)).status).toBe(200);
    expect(
      (await call(`/v1/projects/default/documents/${docId}`, { method: "DELETE" })).status,
    ).toBe(204);

    const page = await events();
    expect(page.items.map((e) => e.action)).toEqual([
      "document.deleted",
      "document.downloaded",
      "document.uploaded",
      "project.settings_changed",
      "token.revoked",
      "token.created",
    ]);
    for (const e of page.items) {
      expect(e.actor).toEqual({ kind: "token", id: adminId, name: expect.any(String) });
      expect(e.remoteAddress).toBe("203.0.113.9");
      expect(e.userAgent).toBe("audit-test/1");
      expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000);
    }
    const [deleted, , uploaded, settings, revoked, made] = page.items;
    expect(made!.target).toEqual({ type: "token", id: token.id });
    expect(made!.details).toMatchObject({ name: "dashboards", role: "viewer" });
    expect(revoked!.target).toEqual({ type: "token", id: token.id });
    expect(settings!.details).toMatchObject({
      changed: { confidenceThreshold: 0.9 },
      previous: { confidenceThreshold: 0.8 },
    });
    expect(uploaded!.target).toEqual({ type: "document", id: docId });
    expect(deleted!.target).toEqual({ type: "document", id: docId });
    // The deleted document's name is not kept in the log.
    expect(JSON.stringify(page.items)).not.toContain("secret-name");
  });

  it("records promotions, rollbacks and registered versions", async () => {
    const project = (await getProjectByName(t.db, "default"))!;
    for (let i = 0; i < 2; i++) {
      const v = await createModelVersion(t.db, {
        projectId: project.id,
        kind: "classifier",
        trainingRunId: null,
        lineage,
      });
      await markVersionReady(t.db, v.id, { artifacts: {}, lineage, metrics: null });
    }
    const promote = (version: number) =>
      call("/v1/projects/default/models/classifier/aliases/champion", {
        method: "POST",
        ...json({ version, reason: `to v${version}` }),
      });
    expect((await promote(1)).status).toBe(200);
    expect((await promote(2)).status).toBe(200);
    expect((await promote(1)).status).toBe(200);
    const model = await events("?action=model.*");
    expect(model.items.map((e) => [e.action, e.details.from, e.details.to])).toEqual([
      ["model.rolled_back", 2, 1],
      ["model.promoted", 1, 2],
      ["model.promoted", null, 1],
    ]);
    expect(model.items[0]!.details.reason).toBe("to v1");
  });

  it("records a failed sign-in with a revoked token in that token's project only", async () => {
    const created = await call("/v1/projects/default/tokens", {
      method: "POST",
      ...json({ role: "viewer", name: "leaked" }),
    });
    const token = (await created.json()) as { id: string; token: string };
    await call(`/v1/projects/default/tokens/${token.id}`, { method: "DELETE" });
    const refused = await t.app.request(
      "/v1/projects/default/documents",
      { headers: t.auth(token.token) },
      from("198.51.100.4"),
    );
    expect(refused.status).toBe(401);
    const unknown = await t.app.request(
      "/v1/projects/default/documents",
      { headers: t.auth("pw_never_issued_0123456789") },
      from("198.51.100.4"),
    );
    expect(unknown.status).toBe(401);
    const failed = await events("?action=auth.failed");
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      actor: { kind: "token", id: token.id, name: "leaked" },
      details: { reason: "revoked", method: "GET" },
      remoteAddress: "198.51.100.4",
    });
  });

  it("pages newest first and filters by actor, target and time", async () => {
    const all: AuditEventJson[] = [];
    let cursor: string | null = null;
    do {
      const page: AuditPage = await events(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(8);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect([...all].sort((a, b) => (a.at < b.at ? 1 : -1)).map((e) => e.at)).toEqual(
      all.map((e) => e.at),
    );
    const mine = await events(`?actor=${adminId}&limit=200`);
    expect(mine.items.every((e) => e.actor.id === adminId)).toBe(true);
    const target = all.find((e) => e.target?.type === "document")!.target!.id;
    const onTarget = await events(`?targetId=${target}`);
    expect(onTarget.items.map((e) => e.action).sort()).toEqual([
      "document.deleted",
      "document.downloaded",
      "document.uploaded",
    ]);
    const later = await events(
      `?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(later.items).toEqual([]);
    const earlier = await events(`?until=${encodeURIComponent("2000-01-01T00:00:00Z")}`);
    expect(earlier.items).toEqual([]);
  });

  it("is for admins only, and refuses a bad cursor or time in words", async () => {
    const created = await call("/v1/projects/default/tokens", {
      method: "POST",
      ...json({ role: "reviewer", name: "rev" }),
    });
    const reviewer = ((await created.json()) as { token: string }).token;
    const forbidden = await t.app.request("/v1/projects/default/audit-events", {
      headers: t.auth(reviewer),
    });
    expect(forbidden.status).toBe(403);
    for (const query of ["?cursor=bm9wZQ", "?since=yesterday", "?limit=0"]) {
      const res = await t.app.request(`/v1/projects/default/audit-events${query}`, {
        headers: t.auth(t.adminToken),
      });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
  });
});

describe.each(TEST_DIALECTS)("an audit log that cannot be written on %s", (dialect) => {
  let t: TestApi;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    // The log's table gone: every entry fails to write.
    await t.db.schema.dropTable("audit_events").execute();
  });
  afterAll(() => t.close());

  it("fails the change with it: 500, and no token was created or revoked", async () => {
    const created = await t.app.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ role: "viewer", name: "unlogged" }),
    });
    expect(created.status).toBe(500);
    const list = await t.app.request("/v1/projects/default/tokens", {
      headers: t.auth(t.adminToken),
    });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((x) => x.name);
    expect(names).not.toContain("unlogged");
    const me = await t.app.request("/v1/me", { headers: t.auth(t.adminToken) });
    const adminId = ((await me.json()) as { token: { id: string } }).token.id;
    const revoke = await t.app.request(`/v1/projects/default/tokens/${adminId}`, {
      method: "DELETE",
      headers: t.auth(t.adminToken),
    });
    expect(revoke.status).toBe(500);
    expect((await t.app.request("/v1/me", { headers: t.auth(t.adminToken) })).status).toBe(200);
  });
});
