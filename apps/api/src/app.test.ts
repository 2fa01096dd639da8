import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "./test-harness";

const pdfBytes = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

function form(files: { name: string; bytes: Uint8Array }[], extra: Record<string, string> = {}) {
  const body = new FormData();
  for (const f of files) body.append("file", new File([f.bytes], f.name));
  for (const [k, v] of Object.entries(extra)) body.append(k, v);
  return body;
}

describe.each(TEST_DIALECTS)("the HTTP API on %s", (dialect) => {
  let t: TestApi;
  let uploaderToken: string;
  let viewerToken: string;
  let otherAdminToken: string;

  beforeAll(async () => {
    t = await createTestApi(dialect);
    const mk = async (role: string) => {
      const res = await t.app.request("/v1/projects/default/tokens", {
        method: "POST",
        headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ role, name: role }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    uploaderToken = await mk("uploader");
    viewerToken = await mk("viewer");
    const res = await t.app.request("/v1/projects", {
      method: "POST",
      headers: { ...t.auth(t.adminToken), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "other" }),
    });
    expect(res.status).toBe(201);
    otherAdminToken = ((await res.json()) as { adminToken: { token: string } }).adminToken.token;
  });
  afterAll(() => t.close());

  it("answers health and readiness without a token", async () => {
    expect((await t.app.request("/healthz")).status).toBe(200);
    const ready = await t.app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: true });
  });

  it("refuses requests without a token or with an unknown one, in the one error shape", async () => {
    const none = await t.app.request("/v1/projects/default/documents");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      error: { code: "unauthorized", message: expect.any(String) },
    });
    const unknown = await t.app.request("/v1/projects/default/documents", {
      headers: t.auth("pw_nope"),
    });
    expect(unknown.status).toBe(401);
  });

  it("accepts an upload with 202 and shows the queued document", async () => {
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "a.pdf", bytes: pdfBytes }]),
    });
    expect(res.status).toBe(202);
    const { documents } = (await res.json()) as { documents: { id: string; status: string }[] };
    expect(documents).toHaveLength(1);
    expect(documents[0]!.status).toBe("queued");
    const get = await t.app.request(`/v1/projects/default/documents/${documents[0]!.id}`, {
      headers: t.auth(viewerToken),
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ filename: "a.pdf", sizeBytes: pdfBytes.byteLength });
    // Prioritized: fair scheduling between projects ranks every document job.
    const jobs = await t.producer.queue("pipeline").getJobs(["prioritized"]);
    expect(jobs.map((j) => j.data.documentId)).toContain(documents[0]!.id);
  });

  it("gives the same document for a repeated Idempotency-Key and refuses it for other bytes", async () => {
    const send = (bytes: Uint8Array) =>
      t.app.request("/v1/projects/default/documents", {
        method: "POST",
        headers: { ...t.auth(uploaderToken), "Idempotency-Key": "upload-42" },
        body: form([{ name: "b.pdf", bytes }]),
      });
    const first = (await (await send(pdfBytes)).json()) as { documents: { id: string }[] };
    const again = await send(pdfBytes);
    const second = (await again.json()) as { documents: { id: string; duplicate: boolean }[] };
    expect(second.documents[0]).toMatchObject({ id: first.documents[0]!.id, duplicate: true });
    const other = await send(new TextEncoder().encode("%PDF-1.4 other"));
    expect(other.status).toBe(409);
  });

  it("keeps one project's documents invisible to another project's token", async () => {
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "secret.pdf", bytes: pdfBytes }]),
    });
    const { documents } = (await res.json()) as { documents: { id: string }[] };
    const id = documents[0]!.id;
    const viaOther = await t.app.request(`/v1/projects/other/documents/${id}`, {
      headers: t.auth(otherAdminToken),
    });
    expect(viaOther.status).toBe(404);
    const viaDefault = await t.app.request(`/v1/projects/default/documents/${id}`, {
      headers: t.auth(otherAdminToken),
    });
    expect(viaDefault.status).toBe(404);
  });

  it("enforces roles: a viewer cannot upload, an uploader cannot create tokens", async () => {
    const upload = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(viewerToken),
      body: form([{ name: "c.pdf", bytes: pdfBytes }]),
    });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    const token = await t.app.request("/v1/projects/default/tokens", {
      method: "POST",
      headers: { ...t.auth(uploaderToken), "Content-Type": "application/json" },
      body: JSON.stringify({ role: "admin", name: "x" }),
    });
    expect(token.status).toBe(403);
  });

  it("refuses a file over the size limit with 413 and stores nothing", async () => {
    const before = await t.app.request("/v1/projects/default/documents?limit=200", {
      headers: t.auth(viewerToken),
    });
    const count = ((await before.json()) as { items: unknown[] }).items.length;
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "big.pdf", bytes: new Uint8Array(5_000_001) }]),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("file_too_large");
    const after = await t.app.request("/v1/projects/default/documents?limit=200", {
      headers: t.auth(viewerToken),
    });
    expect(((await after.json()) as { items: unknown[] }).items.length).toBe(count);
  });

  it("validates query parameters and answers with the issues", async () => {
    const res = await t.app.request("/v1/projects/default/documents?status=bogus", {
      headers: t.auth(viewerToken),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "validation_failed",
    );
  });

  it("serves the original file as an attachment that browsers will not sniff", async () => {
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "Rechnung März.pdf", bytes: pdfBytes }]),
    });
    const { documents } = (await res.json()) as { documents: { id: string }[] };
    const file = await t.app.request(`/v1/projects/default/documents/${documents[0]!.id}/file`, {
      headers: t.auth(viewerToken),
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-disposition")).toMatch(
      /^attachment; .*filename\*=UTF-8''Rechnung%20M%C3%A4rz\.pdf/,
    );
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdfBytes);
  });

  it("stores an imported layout as the document's pages, normalized", async () => {
    const layout = {
      pages: [
        {
          index: 0,
          width: 400,
          height: 800,
          tokens: [{ text: "TOTAL", box: [40, 80, 120, 100], line: 0 }],
        },
      ],
    };
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "r.pdf", bytes: pdfBytes }], { layout: JSON.stringify(layout) }),
    });
    expect(res.status).toBe(202);
    const bad = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "r.pdf", bytes: pdfBytes }], { layout: "{nope" }),
    });
    expect(bad.status).toBe(400);
  });

  it("deletes a document for good", async () => {
    const res = await t.app.request("/v1/projects/default/documents", {
      method: "POST",
      headers: t.auth(uploaderToken),
      body: form([{ name: "gone.pdf", bytes: new TextEncoder().encode("%PDF-1.4 gone") }]),
    });
    const { documents } = (await res.json()) as { documents: { id: string }[] };
    const url = `/v1/projects/default/documents/${documents[0]!.id}`;
    expect(
      (await t.app.request(url, { method: "DELETE", headers: t.auth(uploaderToken) })).status,
    ).toBe(204);
    expect((await t.app.request(url, { headers: t.auth(uploaderToken) })).status).toBe(404);
  });

  it("answers daily throughput for the last days, oldest first", async () => {
    const res = await t.app.request("/v1/projects/default/stats/throughput?days=3", {
      headers: t.auth(viewerToken),
    });
    expect(res.status).toBe(200);
    const { days } = (await res.json()) as { days: { day: string }[] };
    expect(days).toHaveLength(3);
    expect(days.at(-1)?.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it("changes only the settings a PATCH names, the gate's too", async () => {
    const patch = (settings: unknown) =>
      t.app.request("/v1/projects/other", {
        method: "PATCH",
        headers: { ...t.auth(otherAdminToken), "Content-Type": "application/json" },
        body: JSON.stringify({ settings }),
      });
    expect((await patch({ retrainAfterReviews: 7, gate: { macroTolerance: 0.01 } })).status).toBe(
      200,
    );
    const res = await patch({ gate: { fieldTolerance: 0.1 } });
    expect(res.status).toBe(200);
    const { settings } = (await res.json()) as { settings: Record<string, unknown> };
    expect(settings).toMatchObject({
      retrainAfterReviews: 7,
      confidenceThreshold: 0.8,
      gate: { fieldTolerance: 0.1, macroTolerance: 0.01 },
    });
    expect((await patch({ validationShare: 0.9 })).status).toBe(400);
  });

  it("publishes an OpenAPI 3.1 document of its routes", async () => {
    const res = await t.app.request("/openapi.json");
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/projects/{project}/documents",
        "/v1/projects/{project}/documents/{id}/layout",
        "/v1/projects/{project}/documents/{id}/pages/{n}/image",
      ]),
    );
    // Registered components are never nullable themselves (a null goes in the referencing union).
    const components = (
      doc as unknown as { components: { schemas: Record<string, { type?: unknown }> } }
    ).components.schemas;
    for (const [name, schema] of Object.entries(components)) {
      expect([schema.type].flat(), name).not.toContain("null");
    }
    expect((await t.app.request("/docs")).status).toBe(200);
    expect((await t.app.request("/docs/assets/swagger-ui-bundle.js")).status).toBe(200);
  });
});
