import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const encode = (text: string) => new TextEncoder().encode(text);

/** Every blob file under the store's folder (temp files included). */
function blobFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(name);
    }
  };
  walk(root);
  return out.sort();
}

describe.each(TEST_DIALECTS)("document files and refused uploads on %s", (dialect) => {
  let t: TestApi;
  const upload = (bytes: Uint8Array, key?: string) => {
    const body = new FormData();
    body.append("file", new File([bytes], "x.pdf"));
    return t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), ...(key ? { "Idempotency-Key": key } : {}) },
      body,
    });
  };

  beforeAll(async () => {
    t = await createTestApi(dialect);
  });
  afterAll(() => t.close());

  it("serves a document's file with its own sandboxing CSP, not the UI's", async () => {
    const res = await upload(encode(`%PDF-1.4 csp ${Math.random()}`));
    const { documents } = (await res.json()) as { documents: { id: string }[] };
    const file = await t.app.request(`/v1/projects/default/documents/${documents[0]!.id}/file`, {
      headers: t.auth(t.adminToken),
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-security-policy")).toBe("sandbox");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    // Every other response keeps the global policy.
    const health = await t.app.request("/healthz");
    expect(health.headers.get("content-security-policy")).toContain("default-src 'self'");
  });

  it("keeps documents forever by default and takes a retention period in days through PATCH", async () => {
    const patch = (settings: unknown) =>
      t.app.request("/v1/projects/default", {
        method: "PATCH",
        headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ settings }),
      });
    const settingsOf = async (res: Response) =>
      ((await res.json()) as { settings: { retentionDays: number | null } }).settings;
    const before = await t.app.request("/v1/projects/default", { headers: t.auth(t.adminToken) });
    expect((await settingsOf(before)).retentionDays).toBeNull();
    expect((await settingsOf(await patch({ retentionDays: 30 }))).retentionDays).toBe(30);
    // Another setting leaves it as it is; null keeps documents forever again.
    expect((await settingsOf(await patch({ auditSampleRate: 0.1 }))).retentionDays).toBe(30);
    expect((await settingsOf(await patch({ retentionDays: null }))).retentionDays).toBeNull();
    for (const bad of [0, 1.5, -3, "30"]) {
      const res = await patch({ retentionDays: bad });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
  });

  it("stores no blob for an upload refused with 409 for a reused Idempotency-Key", async () => {
    const first = await upload(encode(`%PDF-1.4 first ${Math.random()}`), "key-409");
    expect(first.status).toBe(202);
    const before = blobFiles(t.blobDir);
    const refused = await upload(encode(`%PDF-1.4 refused ${Math.random()}`), "key-409");
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("conflict");
    expect(blobFiles(t.blobDir)).toEqual(before);
  });
});
