import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { getProjectByName } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

interface ErrorJson {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface ProjectJson {
  id: string;
  settings: { quotas: Record<string, number | null> };
}

/** A small PDF with its own bytes (distinct sha256), so no two uploads are duplicates. */
const pdf = () =>
  new TextEncoder().encode(`%PDF-1.4\n% ${randomBytes(8).toString("hex")}\n%%EOF\n`);

describe.each(TEST_DIALECTS)("upload quotas on %s", (dialect) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi(dialect, { maxFileBytes: 1_000_000, maxFilesPerRequest: 10 });
  });
  afterAll(() => t.close());

  /** A project of its own per test (its own counts), created with these quotas. */
  const newProject = async (quotas: Record<string, number | null>) => {
    const name = `q-${randomBytes(4).toString("hex")}`;
    const res = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "content-type": "application/json" },
      body: JSON.stringify({ name, settings: { quotas } }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { project: ProjectJson; adminToken: { token: string } };
    return { name, id: body.project.id, token: body.adminToken.token };
  };
  const upload = (p: { name: string; token: string }, count = 1, headers = {}) => {
    const body = new FormData();
    for (let i = 0; i < count; i++) body.append("file", new File([pdf()], `f${i}.pdf`));
    return t.app.request(`/v1/projects/${p.name}/documents`, {
      method: "POST",
      headers: { ...t.auth(p.token), ...headers },
      body,
    });
  };
  /** Everything an upload leaves behind: rows, events, audit entries, blobs, queued jobs. */
  const stored = async (projectId: string) => {
    const count = async (table: "documents" | "events" | "audit_events") =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("project_id", "=", projectId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      documents: await count("documents"),
      events: await count("events"),
      audit: await count("audit_events"),
      blobs: readdirSync(t.blobDir, { recursive: true }).length,
      redisKeys: (await t.redis.keys(`${t.prefix}:*`)).length,
    };
  };
  const expectRefused = async (res: Response, quota: string) => {
    expect(res.status, await res.clone().text()).toBe(429);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.details?.quota).toBe(quota);
    const retry = Number(res.headers.get("Retry-After"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(86_400);
    return { body, retry };
  };

  it("has no quotas by default: the default project takes a request of many files", async () => {
    const res = await t.app.request("/v1/projects/default", { headers: t.auth(t.adminToken) });
    expect(((await res.json()) as ProjectJson).settings.quotas).toEqual({
      documentsPerDay: null,
      pagesPerDay: null,
      concurrentRetrainings: null,
    });
    const project = { name: "default", token: t.adminToken };
    expect((await upload(project, 10)).status).toBe(202);
  });

  it("refuses a request that would cross documentsPerDay as a whole, storing nothing", async () => {
    const p = await newProject({ documentsPerDay: 3 });
    expect((await upload(p, 2)).status).toBe(202);
    const before = await stored(p.id);
    // Two more would make four: neither is stored, though the first alone would fit.
    const { body } = await expectRefused(await upload(p, 2), "documentsPerDay");
    expect(body.error.details).toMatchObject({ limit: 3, used: 2, requested: 2 });
    expect(await stored(p.id)).toEqual(before);
    // Exactly at the quota passes; one more does not.
    expect((await upload(p, 1)).status).toBe(202);
    const full = await stored(p.id);
    await expectRefused(await upload(p, 1), "documentsPerDay");
    expect(await stored(p.id)).toEqual(full);
  });

  it("answers the seconds until the oldest counted upload leaves the 24-hour window", async () => {
    const p = await newProject({ documentsPerDay: 2 });
    expect((await upload(p, 2)).status).toBe(202);
    // The first upload was 23 hours ago, the second 1 hour ago: one document frees in an hour.
    const ids = await t.db
      .selectFrom("documents")
      .select("id")
      .where("project_id", "=", p.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const ago = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    await t.db
      .updateTable("documents")
      .set({ created_at: ago(23) })
      .where("id", "=", ids[0]!.id)
      .execute();
    await t.db
      .updateTable("documents")
      .set({ created_at: ago(1) })
      .where("id", "=", ids[1]!.id)
      .execute();
    const { retry } = await expectRefused(await upload(p, 1), "documentsPerDay");
    expect(retry).toBeGreaterThan(3_600 - 60);
    expect(retry).toBeLessThanOrEqual(3_600);
    // Two files wait for both to leave: 23 hours.
    const two = await expectRefused(await upload(p, 2), "documentsPerDay");
    expect(two.retry).toBeGreaterThan(23 * 3_600 - 60);
    // Past the window a document no longer counts.
    await t.db
      .updateTable("documents")
      .set({ created_at: ago(25) })
      .where("id", "=", ids[0]!.id)
      .execute();
    expect((await upload(p, 1)).status).toBe(202);
  });

  it("answers a repeated Idempotency-Key at the quota with its document: it is not new", async () => {
    const p = await newProject({ documentsPerDay: 1 });
    const body = new FormData();
    body.append("file", new File([pdf()], "once.pdf"));
    const send = () =>
      t.app.request(`/v1/projects/${p.name}/documents`, {
        method: "POST",
        headers: { ...t.auth(p.token), "Idempotency-Key": "same-one" },
        body,
      });
    expect((await send()).status).toBe(202);
    const again = await send();
    expect(again.status, await again.clone().text()).toBe(202);
    expect(
      ((await again.json()) as { documents: { duplicate: boolean }[] }).documents[0]?.duplicate,
    ).toBe(true);
  });

  it("refuses new uploads once the window's read pages reach pagesPerDay, keeping accepted ones", async () => {
    const p = await newProject({ pagesPerDay: 5 });
    expect((await upload(p, 2)).status).toBe(202);
    // Pages are known once read: unread documents count none yet.
    expect((await upload(p, 1)).status).toBe(202);
    await t.db
      .updateTable("documents")
      .set({ page_count: 3 })
      .where("project_id", "=", p.id)
      .execute();
    const before = await stored(p.id);
    const { body } = await expectRefused(await upload(p, 1), "pagesPerDay");
    expect(body.error.details).toMatchObject({ limit: 5, used: 9 });
    expect(await stored(p.id)).toEqual(before);
    expect(before.documents).toBe(3);
  });

  it("lets exactly the quota through when many uploads race at its edge", async () => {
    const p = await newProject({ documentsPerDay: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(p, 1)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429]);
    expect((await stored(p.id)).documents).toBe(3);
  });

  it("lets only the instance admin change quotas, and logs the change with what it replaced", async () => {
    const p = await newProject({ documentsPerDay: 5 });
    const tokenRes = await t.app.request(`/v1/projects/${p.name}/tokens`, {
      method: "POST",
      headers: { ...t.auth(p.token), "content-type": "application/json" },
      body: JSON.stringify({ role: "uploader", name: "uploader" }),
    });
    const uploader = ((await tokenRes.json()) as { token: string }).token;
    const patch = (project: string, token: string, quotas: Record<string, number | null>) =>
      t.app.request(`/v1/projects/${project}`, {
        method: "PATCH",
        headers: { ...t.auth(token), "content-type": "application/json" },
        body: JSON.stringify({ settings: { quotas } }),
      });
    expect((await patch(p.name, uploader, { documentsPerDay: 1000 })).status).toBe(403);
    // The tenant's own admin changes its other settings, not its quotas.
    const own = await patch(p.name, p.token, { documentsPerDay: 1000 });
    expect(own.status).toBe(403);
    expect(((await own.json()) as ErrorJson).error.message).toMatch(/instance admin/);
    expect((await getProjectByName(t.db, p.name))?.settings.quotas.documentsPerDay).toBe(5);
    // The instance admin (the default project's admin token) changes them.
    expect((await patch("default", t.adminToken, { documentsPerDay: 0 })).status).toBe(400);
    const res = await patch("default", t.adminToken, { documentsPerDay: 10 });
    expect(res.status).toBe(200);
    // A partial change keeps the other quotas.
    expect(((await res.json()) as ProjectJson).settings.quotas).toEqual({
      documentsPerDay: 10,
      pagesPerDay: null,
      concurrentRetrainings: null,
    });
    const log = await t.app.request(
      "/v1/projects/default/audit-events?action=project.settings_changed",
      { headers: t.auth(t.adminToken) },
    );
    const entries = ((await log.json()) as { items: { details: Record<string, unknown> }[] }).items;
    expect(entries[0]?.details).toMatchObject({
      changed: { quotas: { documentsPerDay: 10 } },
      previous: { quotas: { documentsPerDay: null } },
    });
    expect((await patch("default", t.adminToken, { documentsPerDay: null })).status).toBe(200);
  });

  it("keeps the default project's quotas as they were: existing settings parse with none", async () => {
    const project = await getProjectByName(t.db, "default");
    expect(project?.settings.quotas.documentsPerDay).toBeNull();
  });
});
