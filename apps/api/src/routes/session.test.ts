import { createSession, setMemberRole, upsertUserOnSignIn } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTH_CONFIG } from "../auth-config";
import { createTestApi, type TestApi } from "../test-harness";

const json = { "Content-Type": "application/json" };

/** The `pagewise_session` cookie a response set, as a Cookie header value. */
function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("pagewise_session="));
  if (!set) throw new Error(`no session cookie in ${res.headers.getSetCookie().join(" | ")}`);
  return set.split(";")[0] as string;
}

describe.each(TEST_DIALECTS)("browser sessions, CSRF and people on %s", (dialect) => {
  let t: TestApi;
  let otherProject: string;

  beforeAll(async () => {
    t = await createTestApi(dialect, undefined, {
      auth: { ...DEFAULT_AUTH_CONFIG, adminEmails: new Set(["boss@example.org"]) },
    });
    const res = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), ...json },
      body: JSON.stringify({ name: "other" }),
    });
    otherProject = ((await res.json()) as { project: { id: string } }).project.id;
  });
  afterAll(() => t.close());

  async function personSession(subject: string, email: string) {
    const { user } = await upsertUserOnSignIn(t.db, {
      issuer: "https://id.example",
      subject,
      email,
      name: subject,
    });
    const { session, secret } = await createSession(t.db, { userId: user.id, ttlSeconds: 600 });
    return { user, cookie: `pagewise_session=${secret}`, csrf: session.csrfToken };
  }

  it("exchanges a token for an HttpOnly, SameSite=Lax cookie that stands for it", async () => {
    const res = await t.app.request("/v1/session", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ token: t.adminToken }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/pagewise_session=pws_[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toContain(t.adminToken);
    const signedIn = await t.app.request(
      "/v1/projects/default/audit-events?action=auth.signed_in&limit=1",
      { headers: t.auth(t.adminToken) },
    );
    expect(await signedIn.json()).toMatchObject({
      items: [{ actor: { kind: "token" }, details: { method: "token" } }],
    });
    const body = (await res.json()) as { kind: string; csrfToken: string; projects: unknown[] };
    expect(body).toMatchObject({ kind: "token", projects: [{ name: "default", role: "admin" }] });
    const cookie = sessionCookie(res);
    const me = await t.app.request("/v1/session", { headers: { Cookie: cookie } });
    expect(await me.json()).toMatchObject({
      kind: "token",
      token: { name: "PAGEWISE_ADMIN_TOKEN" },
    });
  });

  it("refuses a cookie's unsafe request without the CSRF token or from another site", async () => {
    const res = await t.app.request("/v1/session", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ token: t.adminToken }),
    });
    const cookie = sessionCookie(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const patch = (headers: Record<string, string>) =>
      t.app.request("/v1/projects/default", {
        method: "PATCH",
        headers: { ...json, Cookie: cookie, ...headers },
        body: JSON.stringify({ settings: { confidenceThreshold: 0.7 } }),
      });
    const none = await patch({});
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    const wrong = await patch({ "X-CSRF-Token": "not-the-token" });
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    const foreign = await patch({ "X-CSRF-Token": csrfToken, Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("csrf_failed");
    const ok = await patch({ "X-CSRF-Token": csrfToken, Origin: "http://localhost" });
    expect(ok.status).toBe(200);
    // Reads need no CSRF token; Bearer calls (machines) never do.
    expect(
      (await t.app.request("/v1/projects/default", { headers: { Cookie: cookie } })).status,
    ).toBe(200);
    const bearer = await t.app.request("/v1/projects/default", {
      method: "PATCH",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ settings: { confidenceThreshold: 0.8 } }),
    });
    expect(bearer.status).toBe(200);
    // A login from another site is refused too.
    const foreignLogin = await t.app.request("/v1/session", {
      method: "POST",
      headers: { ...json, Origin: "https://evil.example" },
      body: JSON.stringify({ token: t.adminToken }),
    });
    expect(foreignLogin.status).toBe(403);
  });

  it("ends the session on sign-out, and the cookie is refused from then on", async () => {
    const res = await t.app.request("/v1/session", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ token: t.adminToken }),
    });
    const cookie = sessionCookie(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const out = await t.app.request("/auth/logout", {
      method: "POST",
      headers: { Cookie: cookie, "X-CSRF-Token": csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/pagewise_session=;.*Max-Age=0/);
    const after = await t.app.request("/v1/session", { headers: { Cookie: cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toContain(
      "session has ended",
    );
  });

  it("refuses an expired token with token_expired, by Bearer and at sign-in, and shows expiry", async () => {
    const past = await t.app.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ role: "viewer", name: "old", expiresAt: "2001-01-01T00:00:00Z" }),
    });
    expect(past.status).toBe(400);
    const created = await t.app.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ role: "viewer", name: "ci", expiresAt: "2099-01-01T00:00:00+01:00" }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string; expiresAt: string };
    expect(token.expiresAt).toBe("2098-12-31T23:00:00.000Z");
    expect(
      (await t.app.request("/v1/projects/default", { headers: t.auth(token.token) })).status,
    ).toBe(200);
    const list = await t.app.request("/v1/projects/default/tokens", {
      headers: t.auth(t.adminToken),
    });
    const items = ((await list.json()) as { items: { id: string; lastUsedAt: string | null }[] })
      .items;
    expect(items.find((i) => i.id === token.id)).toMatchObject({
      expiresAt: token.expiresAt,
      lastUsedAt: expect.any(String),
    });

    await t.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", token.id)
      .execute();
    const refused = await t.app.request("/v1/projects/default", { headers: t.auth(token.token) });
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("token_expired");
    expect(body.error.message).toContain("expired at");
    const login = await t.app.request("/v1/session", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ token: token.token }),
    });
    expect(login.status).toBe(401);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe("token_expired");
  });

  it("gives a person exactly the role of their membership, per project, and records them", async () => {
    const viewer = await personSession("viewer-1", "viewer@example.org");
    // Not a member anywhere yet: no project is visible, existing or not.
    expect(
      (await t.app.request("/v1/projects/default", { headers: { Cookie: viewer.cookie } })).status,
    ).toBe(404);
    const session = await t.app.request("/v1/session", { headers: { Cookie: viewer.cookie } });
    expect(await session.json()).toMatchObject({ kind: "user", projects: [] });

    // An admin token adds the person by email, as viewer.
    const added = await t.app.request("/v1/projects/default/members", {
      method: "POST",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ email: "VIEWER@example.org", role: "viewer" }),
    });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ role: "viewer", user: { id: viewer.user.id } });
    const unknown = await t.app.request("/v1/projects/default/members", {
      method: "POST",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ email: "nobody@example.org", role: "viewer" }),
    });
    expect(unknown.status).toBe(404);

    const asViewer = (path: string, init: RequestInit = {}) =>
      t.app.request(path, {
        ...init,
        headers: { ...json, Cookie: viewer.cookie, "X-CSRF-Token": viewer.csrf, ...init.headers },
      });
    expect((await asViewer("/v1/projects/default/documents")).status).toBe(200);
    const patch = () =>
      asViewer("/v1/projects/default", {
        method: "PATCH",
        body: JSON.stringify({ settings: { auditSampleRate: 0.2 } }),
      });
    const forbidden = await patch();
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { message: string } }).error.message).toContain(
      "'viewer'",
    );
    // Another project stays invisible, and so do the members (admin only).
    expect((await asViewer(`/v1/projects/${otherProject}`)).status).toBe(404);
    expect((await asViewer("/v1/projects/default/members")).status).toBe(403);

    // Promoted to admin: the change is recorded as the person, not a token.
    const promoted = await t.app.request(`/v1/projects/default/members/${viewer.user.id}`, {
      method: "PATCH",
      headers: { ...json, ...t.auth(t.adminToken) },
      body: JSON.stringify({ role: "admin" }),
    });
    expect(promoted.status).toBe(200);
    expect((await patch()).status).toBe(200);
    const event = await t.db
      .selectFrom("events")
      .select(["actor"])
      .where("type", "=", "project.updated")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe(viewer.user.id);

    const members = await t.app.request("/v1/projects/default/members?limit=1", {
      headers: t.auth(t.adminToken),
    });
    expect(await members.json()).toMatchObject({ total: 1, items: [{ role: "admin" }] });
    const removed = await asViewer(`/v1/projects/default/members/${viewer.user.id}`, {
      method: "DELETE",
    });
    expect(removed.status).toBe(204);
    expect((await asViewer("/v1/projects/default")).status).toBe(404);

    // The project's audit log names who did each: the token, then the person themself.
    const log = await t.app.request(
      `/v1/projects/default/audit-events?targetId=${viewer.user.id}&limit=10`,
      { headers: t.auth(t.adminToken) },
    );
    const entries = (
      (await log.json()) as {
        items: { action: string; actor: { kind: string; id: string } }[];
      }
    ).items.map((e) => `${e.action} by ${e.actor.kind}`);
    expect(entries).toEqual([
      "member.removed by user",
      "member.role_changed by token",
      "member.added by token",
    ]);
    const settings = await t.app.request(
      "/v1/projects/default/audit-events?action=project.settings_changed&limit=1",
      { headers: t.auth(t.adminToken) },
    );
    expect(await settings.json()).toMatchObject({
      items: [{ actor: { kind: "user", id: viewer.user.id } }],
    });
  });

  it("makes PAGEWISE_OIDC_ADMIN_EMAILS admins of every project, and instance admins", async () => {
    const boss = await personSession("boss-1", "Boss@Example.org");
    await setMemberRole(t.db, { projectId: otherProject, userId: boss.user.id, role: "viewer" });
    const session = await t.app.request("/v1/session", { headers: { Cookie: boss.cookie } });
    const body = (await session.json()) as { instanceAdmin: boolean; projects: { role: string }[] };
    expect(body.instanceAdmin).toBe(true);
    expect(body.projects.map((p) => p.role)).toEqual(["admin", "admin"]);
    const created = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...json, Cookie: boss.cookie, "X-CSRF-Token": boss.csrf },
      body: JSON.stringify({ name: "by-boss" }),
    });
    expect(created.status).toBe(201);
  });

  it("answers 404 for OIDC sign-in when it is not configured", async () => {
    expect((await t.app.request("/auth/oidc/login")).status).toBe(404);
    expect((await t.app.request("/auth/oidc/callback?code=x&state=y")).status).toBe(404);
    expect(await (await t.app.request("/auth/config")).json()).toEqual({
      oidc: false,
      session: false,
    });
  });

  it("sends a refused or unexpected OIDC callback back to the sign-in screen in words", async () => {
    const oidc = await createTestApi(dialect, undefined, {
      auth: {
        ...DEFAULT_AUTH_CONFIG,
        publicUrl: new URL("http://127.0.0.1:9"),
        // Never contacted: both callbacks are refused before the provider is asked.
        oidc: { issuer: new URL("http://127.0.0.1:9/idp"), clientId: "c", clientSecret: "s" },
      },
    });
    try {
      const denied = await oidc.app.request(
        "/auth/oidc/callback?error=access_denied&error_description=The+user+said+no",
      );
      expect(denied.status).toBe(302);
      expect(decodeURIComponent(denied.headers.get("location") ?? "")).toContain(
        "refused the sign-in: The user said no",
      );
      // A callback without the login's state cookie (started elsewhere, or forged) opens nothing.
      const stray = await oidc.app.request("/auth/oidc/callback?code=abc&state=xyz");
      expect(stray.status).toBe(302);
      expect(stray.headers.get("location")).toMatch(/^\/\?signInError=/);
      expect(stray.headers.getSetCookie().join()).not.toContain("pagewise_session=pws_");
      expect(await (await oidc.app.request("/auth/config")).json()).toMatchObject({ oidc: true });
    } finally {
      await oidc.close();
    }
  });
});
