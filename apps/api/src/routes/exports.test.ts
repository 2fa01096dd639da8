import type { ExtractedField } from "@pagewise/core";
import {
  getProjectByName,
  insertDocument,
  insertReview,
  saveDocumentResult,
  transitionDocument,
} from "@pagewise/storage";
import { TEST_DIALECTS } from "@pagewise/storage/testing";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../test-harness";

const field = (name: string, value: string, confidence: number): ExtractedField => ({
  name,
  value,
  normalized: name === "total" ? value.replace(",", ".") : value,
  confidence,
  page: 0,
  box: null,
  tokenIds: [],
});

describe.each(TEST_DIALECTS)("exporting documents on %s", (dialect) => {
  let t: TestApi;
  const ids: Record<string, string> = {};

  async function insert(name: string, createdAt: string) {
    const project = (await getProjectByName(t.db, "default"))!;
    const { document } = await insertDocument(t.db, {
      projectId: project.id,
      filename: `${name}.pdf`,
      sizeBytes: 1,
      sha256: name.padEnd(64, "0"),
      blobKey: name.padEnd(64, "0"),
    });
    // Fixed creation times: the date filters and the order are then known.
    await t.db
      .updateTable("documents")
      .set({ created_at: createdAt })
      .where("id", "=", document.id)
      .execute();
    ids[name] = document.id;
    return { project, id: document.id };
  }

  beforeAll(async () => {
    t = await createTestApi(dialect);
    // A receipt the models read; one value a spreadsheet would run as a formula, one with a
    // comma and a quote.
    const predicted = await insert("predicted", "2026-03-01T10:00:00.000Z");
    await saveDocumentResult(t.db, {
      documentId: predicted.id,
      kind: "classification",
      modelVersionId: null,
      modelVersion: 1,
      data: { category: "receipt", confidence: 0.9 },
    });
    await saveDocumentResult(t.db, {
      documentId: predicted.id,
      kind: "extraction",
      modelVersionId: null,
      modelVersion: 1,
      data: [
        field("company", '=HYPERLINK("x"),"Kedai"', 0.75),
        field("total", "529,87", 0.5),
        field("date", "2018-12-25", 0.25),
      ],
    });
    await transitionDocument(t.db, predicted.id, {
      from: ["queued"],
      to: "needs_review",
      category: "receipt",
    });
    // An invoice a person reviewed: the review's values win over the prediction.
    const reviewed = await insert("reviewed", "2026-03-02T10:00:00.000Z");
    await saveDocumentResult(t.db, {
      documentId: reviewed.id,
      kind: "extraction",
      modelVersionId: null,
      modelVersion: 1,
      data: [field("invoice_number", "WRONG", 0.4)],
    });
    await insertReview(t.db, {
      projectId: reviewed.project.id,
      documentId: reviewed.id,
      actor: "test",
      source: "review",
      complete: true,
      category: "invoice",
      fields: [
        {
          name: "invoice_number",
          value: "INV-7",
          normalized: "INV-7",
          tokenIds: [],
          aligned: false,
        },
        { name: "total", value: "1.234,50", normalized: "1234.50", tokenIds: [], aligned: false },
      ],
      previous: {},
      labelSchemaVersion: 1,
    });
    await transitionDocument(t.db, reviewed.id, {
      from: ["queued"],
      to: "reviewed",
      category: "invoice",
    });
    // One still waiting: no values at all.
    await insert("queued", "2026-03-03T10:00:00.000Z");
  });
  afterAll(() => t.close());

  const get = (path: string) =>
    t.app.request(`/v1/projects/default/exports/${path}`, { headers: t.auth(t.adminToken) });

  it("writes one CSV row per document, oldest first, values from the review or the prediction", async () => {
    const res = await get("documents.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="default-documents-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers.get("pagewise-total-count")).toBe("3");
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split("\r\n")[0]).toMatch(/^id,filename,status,category,createdAt,source,/);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    // Without a category filter the columns are the union of the categories' fields, once each.
    const header = Object.keys(rows[0]!);
    expect(header).toContain("invoice_number");
    expect(header).toContain("company");
    expect(header).toContain("parties");
    expect(header.filter((h) => h === "date")).toHaveLength(1);
    expect(rows.map((r) => r.id)).toEqual([ids.predicted, ids.reviewed, ids.queued]);
    expect(rows[0]).toMatchObject({
      filename: "predicted.pdf",
      status: "needs_review",
      category: "receipt",
      source: "prediction",
      company: `'=HYPERLINK("x"),"Kedai"`,
      total: "529.87",
      date: "2018-12-25",
      invoice_number: "",
    });
    expect(rows[1]).toMatchObject({
      status: "reviewed",
      category: "invoice",
      source: "review",
      invoice_number: "INV-7",
      total: "1234.50",
    });
    expect(rows[2]).toMatchObject({ status: "queued", source: "none", category: "", total: "" });
    expect(header).not.toContain("total_confidence");
  });

  it("narrows to one category's fields, adds confidences and a BOM when asked", async () => {
    const res = await get("documents.csv?category=receipt&includeConfidence=true&bom=true");
    expect(res.headers.get("pagewise-total-count")).toBe("1");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(Buffer.from(bytes), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(rows[0]!)).toEqual([
      "id",
      "filename",
      "status",
      "category",
      "createdAt",
      "source",
      "company",
      "company_confidence",
      "date",
      "date_confidence",
      "address",
      "address_confidence",
      "total",
      "total_confidence",
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: ids.predicted,
      total_confidence: "0.5",
      date_confidence: "0.25",
      address: "",
      address_confidence: "",
    });
  });

  it("filters by status and by creation date like the document list", async () => {
    const byStatus = parse(await (await get("documents.csv?status=reviewed")).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(byStatus.map((r) => r.id)).toEqual([ids.reviewed]);
    const res = await get("documents.csv?from=2026-03-02&to=2026-03-03T10:00:00Z");
    expect(res.headers.get("pagewise-total-count")).toBe("1");
    const byDate = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(byDate.map((r) => r.id)).toEqual([ids.reviewed]);
    const list = await t.app.request("/v1/projects/default/documents?from=2026-03-02", {
      headers: t.auth(t.adminToken),
    });
    const listed = ((await list.json()) as { items: { id: string }[] }).items.map((d) => d.id);
    expect(listed).toEqual([ids.queued, ids.reviewed]);
  });

  it("writes JSON Lines with the fields as an object", async () => {
    const res = await get("documents.jsonl?includeConfidence=true");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({
      id: ids.predicted,
      source: "prediction",
      category: "receipt",
      fields: { company: '=HYPERLINK("x"),"Kedai"', total: "529.87", vendor: null },
      confidence: { company: 0.75, total: 0.5, vendor: null },
    });
    const second = JSON.parse(lines[1]!);
    expect(second.fields.invoice_number).toBe("INV-7");
    expect(second.confidence.invoice_number).toBeNull();
    const plain = JSON.parse((await (await get("documents.jsonl")).text()).split("\n")[0]!);
    expect(plain).not.toHaveProperty("confidence");
  });

  it("refuses an unknown category, a bad date and a foreign format with 400", async () => {
    for (const query of ["category=nope", "from=2026-02-30", "to=yesterday", "bom=yes"]) {
      const res = await get(`documents.csv?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "validation_failed",
      );
    }
  });

  it("records the export in the audit log", async () => {
    const res = await t.app.request("/v1/projects/default/audit-events", {
      headers: t.auth(t.adminToken),
    });
    const events = ((await res.json()) as { items: { action: string }[] }).items;
    expect(events.some((e) => e.action === "documents.exported")).toBe(true);
  });
});
