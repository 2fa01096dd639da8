import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

describe("the queue dashboard at /admin/queues", () => {
  let t: TestApi;
  let viewerToken: string;
  let otherAdminToken: string;

  beforeAll(async () => {
    t = await createTestApi("sqlite");
    const res = await t.app.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ role: "viewer", name: "viewer" }),
    });
    viewerToken = ((await res.json()) as { token: string }).token;
    const other = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "elsewhere" }),
    });
    otherAdminToken = ((await other.json()) as { adminToken: { token: string } }).adminToken.token;
  });
  afterAll(async () => t.close());

  it("does not exist without a token, and is forbidden to anyone but the instance admin", async () => {
    expect((await t.app.request("/admin/queues/")).status).toBe(404);
    expect((await t.app.request("/admin/queues/api/queues")).status).toBe(404);
    expect((await t.app.request("/admin/queues/", { headers: t.auth("pw_unknown") })).status).toBe(
      404,
    );
    expect((await t.app.request("/admin/queues/", { headers: t.auth(viewerToken) })).status).toBe(
      403,
    );
    // An admin of another project is not the instance admin: the board shows every project.
    const other = await t.app.request("/admin/queues/api/queues", {
      headers: t.auth(otherAdminToken),
    });
    expect(other.status).toBe(403);
    const cookie = await t.app.request("/admin/queues/", {
      headers: { Cookie: `pagewise_queues=${viewerToken}` },
    });
    expect(cookie.status).toBe(403);
  });

  it("opens in a browser through a session cookie the UI asks for", async () => {
    const denied = await t.app.request("/v1/admin/queues-session", {
      method: "POST",
      headers: t.auth(viewerToken),
    });
    expect(denied.status).toBe(403);
    const res = await t.app.request("/v1/admin/queues-session", {
      method: "POST",
      headers: t.auth(t.adminToken),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe("/admin/queues");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^pagewise_queues=/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/admin/queues");
    expect(setCookie).toMatch(/Max-Age=3600/);
    const cookie = setCookie.split(";")[0]!;

    const page = await t.app.request("/admin/queues", { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Pagewise queues");
    // Its scripts are served from the package on disk, offline.
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await t.app.request(`/admin/queues/${script}`, { headers: { Cookie: cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");
    expect((await t.app.request(`/admin/queues/${script}`)).status).toBe(404);

    const closed = await t.app.request("/v1/admin/queues-session", {
      method: "DELETE",
      headers: t.auth(t.adminToken),
    });
    expect(closed.status).toBe(204);
    expect(closed.headers.get("set-cookie")).toMatch(/pagewise_queues=;.*Max-Age=0/);
  });

  it("lists the catalog's queues and retries and cleans failed jobs", async () => {
    const queue = t.producer.queue("reading");
    const worker = new Worker(
      "reading",
      async () => {
        throw new Error("always fails");
      },
      { connection: t.redis.duplicate(), prefix: t.prefix, autorun: false },
    );
    await queue.add("page.read", {}, { attempts: 1 });
    await queue.add("page.read", {}, { attempts: 1 });
    const failed = new Promise<void>((resolve) => {
      let n = 0;
      worker.on("failed", () => ++n === 2 && resolve());
    });
    void worker.run();
    await failed;
    await worker.close();

    const admin = t.auth(t.adminToken);
    const list = await t.app.request("/admin/queues/api/queues?activeQueue=reading&status=failed", {
      headers: admin,
    });
    expect(list.status).toBe(200);
    const board = (await list.json()) as {
      queues: { name: string; counts: Record<string, number> }[];
    };
    expect(board.queues.map((q) => q.name).sort()).toEqual(
      ["maintenance", "pipeline", "reading", "training", "webhooks"].sort(),
    );
    expect(board.queues.find((q) => q.name === "reading")?.counts.failed).toBe(2);

    const retry = await t.app.request("/admin/queues/api/queues/reading/retry/failed", {
      method: "PUT",
      headers: admin,
    });
    expect(retry.status).toBe(200);
    expect(await queue.getJobCounts("failed", "waiting")).toEqual({ failed: 0, waiting: 2 });

    // Fail them again, then clean.
    const again = new Worker(
      "reading",
      async () => {
        throw new Error("still fails");
      },
      { connection: t.redis.duplicate(), prefix: t.prefix },
    );
    await new Promise<void>((resolve) => {
      let n = 0;
      again.on("failed", () => ++n === 2 && resolve());
    });
    await again.close();
    // "Clean all" spares jobs that failed in the last 5 s (bull-board's grace time); clean
    // each one by id instead.
    for (const job of await queue.getFailed()) {
      const clean = await t.app.request(`/admin/queues/api/queues/reading/${job.id}/clean`, {
        method: "PUT",
        headers: admin,
      });
      expect(clean.status).toBe(204);
    }
    expect(await queue.getJobCounts("failed")).toEqual({ failed: 0 });
  });
});
