import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, findApiTokenBySecret, isApiTokenExpired } from "./api-tokens";
import { createProject } from "./projects";
import { createSession, findSessionBySecret, revokeSession, revokeUserSessions } from "./sessions";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";
import {
  findUsersByEmail,
  getMemberRole,
  listMembers,
  listUserMemberships,
  removeMember,
  setMemberRole,
  upsertUserOnSignIn,
} from "./users";

describe.each(TEST_DIALECTS)("users, memberships and sessions on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.drop());

  it("create a user on the first sign-in and refresh the claims on the next", async () => {
    const claims = { issuer: "https://id.example", subject: "u1", email: "A@x.org", name: "A" };
    const first = await upsertUserOnSignIn(t.db, claims);
    expect(first.created).toBe(true);
    expect(first.user.id).toMatch(/^usr_/);
    const again = await upsertUserOnSignIn(t.db, { ...claims, name: "Ada" });
    expect(again).toMatchObject({ created: false, user: { id: first.user.id, name: "Ada" } });
    // Another issuer with the same subject is another person.
    const other = await upsertUserOnSignIn(t.db, { ...claims, issuer: "https://other.example" });
    expect(other.user.id).not.toBe(first.user.id);
    expect((await findUsersByEmail(t.db, "a@X.org")).map((u) => u.id)).toEqual(
      [first.user.id, other.user.id].sort(),
    );
  });

  it("keep one role per project and member, page the members, and remove them", async () => {
    const a = await createProject(t.db, { name: "members-a" });
    const b = await createProject(t.db, { name: "members-b" });
    const users = [];
    for (const n of [1, 2, 3]) {
      const { user } = await upsertUserOnSignIn(t.db, {
        issuer: "https://id.example",
        subject: `m${n}`,
        email: `m${n}@x.org`,
        name: null,
      });
      users.push(user);
      await setMemberRole(t.db, { projectId: a.id, userId: user.id, role: "viewer" });
    }
    const [u1, u2, u3] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    await setMemberRole(t.db, { projectId: a.id, userId: u1.id, role: "reviewer" });
    await setMemberRole(t.db, { projectId: b.id, userId: u1.id, role: "admin" });
    expect(await getMemberRole(t.db, a.id, u1.id)).toBe("reviewer");
    expect(await getMemberRole(t.db, b.id, u2.id)).toBeNull();
    expect(await listUserMemberships(t.db, u1.id)).toEqual([
      { projectId: a.id, projectName: "members-a", role: "reviewer" },
      { projectId: b.id, projectName: "members-b", role: "admin" },
    ]);
    const page1 = await listMembers(t.db, a.id, { limit: 2, offset: 0 });
    const page2 = await listMembers(t.db, a.id, { limit: 2, offset: 2 });
    expect(page1.total).toBe(3);
    expect([...page1.items, ...page2.items].map((m) => m.user.id)).toEqual([u1.id, u2.id, u3.id]);
    expect(await removeMember(t.db, a.id, u3.id)).toBe(true);
    expect(await removeMember(t.db, a.id, u3.id)).toBe(false);
    expect((await listMembers(t.db, a.id, { limit: 10, offset: 0 })).total).toBe(2);
  });

  it("find a session by its secret only while it is live, and store no secret", async () => {
    const { user } = await upsertUserOnSignIn(t.db, {
      issuer: "https://id.example",
      subject: "s1",
      email: null,
      name: null,
    });
    const { session, secret } = await createSession(t.db, { userId: user.id, ttlSeconds: 60 });
    expect((await findSessionBySecret(t.db, secret))?.id).toBe(session.id);
    const stored = await t.db.selectFrom("sessions").selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);
    // Expired: an hour later it is gone.
    expect(await findSessionBySecret(t.db, secret, new Date(Date.now() + 3_600_000))).toBeNull();
    await revokeSession(t.db, session.id);
    expect(await findSessionBySecret(t.db, secret)).toBeNull();
    const second = await createSession(t.db, { userId: user.id, ttlSeconds: 60 });
    expect(await revokeUserSessions(t.db, user.id)).toBe(1);
    expect(await findSessionBySecret(t.db, second.secret)).toBeNull();
  });

  it("keep a token's expiry and tell when it has passed", async () => {
    const project = await createProject(t.db, { name: "expiring" });
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    const { secret } = await createApiToken(t.db, {
      projectId: project.id,
      role: "viewer",
      name: "ci",
      expiresAt,
    });
    const token = await findApiTokenBySecret(t.db, secret);
    expect(token?.expiresAt).toBe(expiresAt);
    expect(token && isApiTokenExpired(token)).toBe(false);
    expect(token && isApiTokenExpired(token, new Date(Date.now() + 120_000))).toBe(true);
  });
});
