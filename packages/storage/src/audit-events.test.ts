import { PagewiseError } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, listApiTokensPage, revokeApiToken } from "./api-tokens";
import { listAuditEvents, type NewAuditEvent, recordAuditEvent } from "./audit-events";
import { deleteDocument, insertDocument } from "./documents";
import { listDocumentEventsPage, recordEvent } from "./events";
import { createProject } from "./projects";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./testing";

describe.each(TEST_DIALECTS)("audit events on %s", (dialect) => {
  let t: TestDatabase;
  let projectId: string;
  let otherProjectId: string;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    projectId = (await createProject(t.db, { name: "acme" })).id;
    otherProjectId = (await createProject(t.db, { name: "other" })).id;
  });
  afterAll(() => t.drop());

  const event = (over: Partial<NewAuditEvent> = {}): NewAuditEvent => ({
    projectId,
    actor: { kind: "token", id: "tok_a", name: "ci" },
    action: "token.created",
    target: { type: "token", id: "tok_new" },
    details: { role: "viewer" },
    remoteAddress: "10.0.0.7",
    userAgent: "curl/8",
    ...over,
  });

  it("records who did what to which target, from where, and reads it back", async () => {
    const recorded = await recordAuditEvent(t.db, event());
    const page = await listAuditEvents(t.db, projectId, { limit: 10 });
    expect(page.items).toEqual([recorded]);
    expect(recorded).toMatchObject({
      actor: { kind: "token", id: "tok_a", name: "ci" },
      action: "token.created",
      target: { type: "token", id: "tok_new" },
      details: { role: "viewer" },
      remoteAddress: "10.0.0.7",
      userAgent: "curl/8",
    });
    expect(await listAuditEvents(t.db, otherProjectId, { limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it("pages newest first without gaps or repeats, and filters by action, actor, target and time", async () => {
    const p = (await createProject(t.db, { name: `paging-${dialect}` })).id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const e = await recordAuditEvent(
        t.db,
        event({
          projectId: p,
          action: i % 2 ? "document.deleted" : "document.uploaded",
          actor: { kind: "token", id: i < 3 ? "tok_x" : "tok_y", name: null },
          target: { type: "document", id: `doc_${i}` },
        }),
      );
      ids.push(e.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAuditEvents(t.db, p, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const deleted = await listAuditEvents(t.db, p, { limit: 10, action: "document.deleted" });
    expect(deleted.items.map((e) => e.target?.id)).toEqual(["doc_5", "doc_3", "doc_1"]);
    const docs = await listAuditEvents(t.db, p, { limit: 10, action: "document.*" });
    expect(docs.items).toHaveLength(7);
    const byX = await listAuditEvents(t.db, p, { limit: 10, actor: "tok_x" });
    expect(byX.items.map((e) => e.target?.id)).toEqual(["doc_2", "doc_1", "doc_0"]);
    const one = await listAuditEvents(t.db, p, { limit: 10, targetId: "doc_4" });
    expect(one.items.map((e) => e.id)).toEqual([ids[4]]);
    const all = (await listAuditEvents(t.db, p, { limit: 10 })).items;
    const middle = all[3]!.at;
    const since = await listAuditEvents(t.db, p, { limit: 10, since: middle });
    const until = await listAuditEvents(t.db, p, { limit: 10, until: middle });
    expect(since.items.length + until.items.length).toBe(7);
    expect(since.items.every((e) => e.at >= middle)).toBe(true);
    expect(until.items.every((e) => e.at < middle)).toBe(true);
  });

  it("treats `_` and `%` in an action prefix as themselves", async () => {
    const p = (await createProject(t.db, { name: `like-${dialect}` })).id;
    await recordAuditEvent(t.db, event({ projectId: p, action: "model.alias_moved" }));
    await recordAuditEvent(t.db, event({ projectId: p, action: "model.aliasXmoved" }));
    const page = await listAuditEvents(t.db, p, { limit: 10, action: "model.alias_*" });
    expect(page.items.map((e) => e.action)).toEqual(["model.alias_moved"]);
  });

  it("refuses a cursor that is not one of ours", async () => {
    await expect(
      listAuditEvents(t.db, projectId, { limit: 10, cursor: "bm9wZQ" }),
    ).rejects.toSatisfy((e) => e instanceof PagewiseError && e.code === "validation_failed");
  });

  it("writes a deletion's entry in the deletion's transaction: a failing entry keeps the document", async () => {
    const { document } = await insertDocument(t.db, {
      projectId,
      filename: "a.pdf",
      sizeBytes: 1,
      sha256: "c".repeat(64),
      blobKey: "c".repeat(64),
    });
    // An entry for a project that does not exist breaks its foreign key: the deletion rolls back.
    await expect(
      deleteDocument(t.db, projectId, document.id, {
        audit: (d) => event({ projectId: "prj_missing", target: { type: "document", id: d.id } }),
      }),
    ).rejects.toThrow();
    const kept = await deleteDocument(t.db, projectId, document.id, {
      audit: (d) => event({ action: "document.deleted", target: { type: "document", id: d.id } }),
    });
    expect(kept?.document.id).toBe(document.id);
    const entries = await listAuditEvents(t.db, projectId, {
      limit: 10,
      targetId: document.id,
    });
    expect(entries.items.map((e) => e.action)).toEqual(["document.deleted"]);
  });

  it("pages a project's tokens oldest first and a document's events", async () => {
    const p = (await createProject(t.db, { name: `tokens-${dialect}` })).id;
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (await createApiToken(t.db, { projectId: p, role: "viewer", name: `t${i}` })).token,
      );
    }
    await revokeApiToken(t.db, p, made[1]!.id);
    const first = await listApiTokensPage(t.db, p, { limit: 2 });
    const second = await listApiTokensPage(t.db, p, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((x) => x.name)).toEqual(["t0", "t2", "t3", "t4"]);
    expect(second.nextCursor).toBeNull();

    const { document } = await insertDocument(t.db, {
      projectId: p,
      filename: "e.pdf",
      sizeBytes: 1,
      sha256: "d".repeat(64),
      blobKey: "d".repeat(64),
    });
    for (let i = 0; i < 3; i++) {
      await recordEvent(t.db, { projectId: p, documentId: document.id, type: `step.${i}` });
    }
    const a = await listDocumentEventsPage(t.db, document.id, { limit: 2 });
    const b = await listDocumentEventsPage(t.db, document.id, { limit: 2, cursor: a.nextCursor! });
    const types = [...a.items, ...b.items].map((e) => e.type).filter((x) => x.startsWith("step"));
    expect(types).toEqual(["step.0", "step.1", "step.2"]);
    expect(b.nextCursor).toBeNull();
  });
});
