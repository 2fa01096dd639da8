import { createModelVersion, markVersionReady } from "@pagewise/registry";
import { testLineage } from "@pagewise/registry/testing";
import { getProjectByName, recordEvent } from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const lineage = testLineage("uploaded");

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe.each(TEST_DIALECTS)("paged lists on %s", (dialect) => {
  let t: TestApi;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    projectId = (await getProjectByName(t.db, "default"))!.id;
  });
  afterAll(() => t.close());

  const get = async <T>(path: string): Promise<Page<T>> => {
    const res = await t.app.request(path, { headers: t.auth(t.adminToken) });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Page<T>;
  };

  /** Every item of a list, `limit` at a time, following `nextCursor`. */
  const all = async <T>(path: string, limit: number): Promise<T[]> => {
    const items: T[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const page: Page<T> = await get<T>(
        `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return items;
  };

  const upload = async (name: string) => {
    const body = new FormData();
    body.append("file", new File([`%PDF-1.4\n% ${name}\n%%EOF\n`], name));
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(t.adminToken),
      body,
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { documents: { id: string }[] }).documents[0]!.id;
  };

  it("pages tokens oldest first", async () => {
    for (let i = 0; i < 4; i++) {
      const res = await t.app.request("/v1/projects/default/tokens", {
        method: "POST",
        headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ role: "viewer", name: `paged-${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const tokens = await all<{ id: string; name: string }>("/v1/projects/default/tokens", 2);
    expect(tokens.map((x) => x.name).filter((n) => n.startsWith("paged"))).toEqual([
      "paged-0",
      "paged-1",
      "paged-2",
      "paged-3",
    ]);
    expect(new Set(tokens.map((x) => x.id)).size).toBe(tokens.length);
    expect((await get("/v1/projects/default/tokens?limit=1")).nextCursor).not.toBeNull();
  });

  it("pages a document's events oldest first", async () => {
    const id = await upload("events.pdf");
    for (let i = 0; i < 5; i++) {
      await recordEvent(t.db, { projectId, documentId: id, type: `test.step_${i}` });
    }
    const events = await all<{ type: string }>(`/v1/projects/default/documents/${id}/events`, 2);
    expect(events.map((e) => e.type)).toEqual([
      "document.uploaded",
      "test.step_0",
      "test.step_1",
      "test.step_2",
      "test.step_3",
      "test.step_4",
    ]);
  });

  it("pages a model's versions newest first and its alias history either way", async () => {
    for (let i = 0; i < 5; i++) {
      const v = await createModelVersion(t.db, {
        projectId,
        kind: "extractor",
        trainingRunId: null,
        lineage,
      });
      await markVersionReady(t.db, v.id, { artifacts: {}, lineage, metrics: null });
    }
    const versions = await all<{ version: number }>(
      "/v1/projects/default/models/extractor/versions",
      2,
    );
    expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    for (const version of [1, 2, 3, 4]) {
      const res = await t.app.request("/v1/projects/default/models/extractor/aliases/champion", {
        method: "POST",
        headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ version, reason: `v${version}` }),
      });
      expect(res.status).toBe(200);
    }
    const path = "/v1/projects/default/models/extractor/aliases/history";
    const oldest = await all<{ toVersion: number }>(path, 3);
    expect(oldest.map((m) => m.toVersion)).toEqual([1, 2, 3, 4]);
    const newest = await all<{ toVersion: number }>(`${path}?order=desc`, 3);
    expect(newest.map((m) => m.toVersion)).toEqual([4, 3, 2, 1]);
  });

  it("finds `_` and `%` in filenames as themselves", async () => {
    for (const name of ["under_score.pdf", "underXscore.pdf", "100%.pdf", "1000.pdf"]) {
      await upload(name);
    }
    const search = async (q: string) =>
      (
        await get<{ filename: string }>(
          `/v1/projects/default/documents?filename=${encodeURIComponent(q)}`,
        )
      ).items.map((d) => d.filename);
    expect(await search("_")).toEqual(["under_score.pdf"]);
    expect(await search("%")).toEqual(["100%.pdf"]);
    expect(await search("r_s")).toEqual(["under_score.pdf"]);
  });

  it("refuses a cursor that is not one of ours, and a limit out of range", async () => {
    for (const path of [
      "/v1/projects/default/tokens?cursor=bm9wZQ",
      "/v1/projects/default/training-runs?cursor=bm9wZQ",
      "/v1/projects/default/models/extractor/aliases/history?cursor=bm9wZQ",
      "/v1/projects/default/tokens?limit=501",
    ]) {
      const res = await t.app.request(path, { headers: t.auth(t.adminToken) });
      expect(res.status, path).toBe(400);
    }
  });
});
