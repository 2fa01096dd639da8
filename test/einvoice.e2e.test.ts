import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LABEL_SCHEMA, findCategory, normalizeValue } from "@pagewise/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLayout, readJson, upload, waitForTerminal } from "./support/documents";
import { Platform, ROOT } from "./support/platform";

const FIXTURES = join(ROOT, "test/fixtures");
const invoiceFields = findCategory(DEFAULT_LABEL_SCHEMA, "invoice")!.fields;

interface EInvoiceDocumentJson {
  status: string;
  mime: string | null;
  pageCount: number | null;
  error: { code: string } | null;
  category: { name: string; confidence: number; modelVersion: number | null } | null;
  fields: {
    name: string;
    value: string;
    normalized: string | null;
    confidence: number;
    page: number | null;
    box: number[] | null;
    tokenIds: string[];
    source: string;
    modelVersion: number | null;
  }[];
  einvoice: {
    syntax: string;
    attachment: string | null;
    documentType: string;
    lineItems: Record<string, string | null>[];
  } | null;
  reviewReasons: unknown[];
  review: unknown;
}

async function documentJson(platform: Platform, id: string) {
  await waitForTerminal(platform, id);
  const res = await platform.request(`/v1/projects/default/documents/${id}`);
  return (await res.json()) as EInvoiceDocumentJson;
}

/** Values by name, compared in their type's normal form (`300` = `300.00`). */
function normalizedByName(fields: { name: string; value: string }[]) {
  return Object.fromEntries(
    fields.map((f) => {
      const type = invoiceFields.find((d) => d.name === f.name)?.type ?? "text";
      return [f.name, normalizeValue(type, f.value) ?? f.value];
    }),
  );
}

describe.each(["sqlite", "postgres"] as const)("e-invoices on %s", (dialect) => {
  const platform = new Platform({ dialect });
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it("finishes a ZUGFeRD PDF from its embedded XML without a model or a review, fields boxed on the page", async () => {
    const stem = "zf10__ZUGFeRD_1p0_BASIC_Einfach";
    const [id] = await upload(platform, [join(FIXTURES, `zugferd/files/${stem}.pdf`)]);
    const doc = await documentJson(platform, id!);
    expect(doc.status).toBe("processed");
    expect(doc.reviewReasons).toEqual([]);
    expect(doc.review).toBeNull();
    expect(doc.category).toEqual({ name: "invoice", confidence: 1, modelVersion: null });
    for (const f of doc.fields) {
      expect(f).toMatchObject({ source: "einvoice", confidence: 1, modelVersion: null });
    }
    const truth = readJson<{ fields: Record<string, string> }>(
      join(FIXTURES, `zugferd/gt/${stem}.json`),
    ).fields;
    const { document_type: _, document_type_code: __, ...gtFields } = truth;
    expect(normalizedByName(doc.fields)).toEqual(
      normalizedByName(Object.entries(gtFields).map(([name, value]) => ({ name, value }))),
    );
    // Located on the page: the tokens carry the printed value (German amounts: 235,62).
    const layout = await getLayout(platform, id!);
    const tokens = new Map(layout.pages.flatMap((p) => p.tokens.map((t) => [t.id, t.text])));
    const field = (name: string) => doc.fields.find((f) => f.name === name)!;
    for (const [name, printed] of [
      ["invoice_number", "471102"],
      ["total", "235,62"],
      ["date", "05.03.2013"],
    ] as const) {
      const f = field(name);
      expect(f.tokenIds.length, name).toBeGreaterThan(0);
      expect(f.page).toBe(0);
      expect(f.box).toHaveLength(4);
      expect(f.tokenIds.map((t) => tokens.get(t)).join(" ")).toContain(printed);
    }
    expect(doc.einvoice).toMatchObject({
      syntax: "zugferd1",
      attachment: "ZUGFeRD-invoice.xml",
      documentType: "invoice",
    });
    expect(doc.einvoice!.lineItems).toEqual([
      expect.objectContaining({ quantity: "20.0000", unit: "C62", amount: "198.00" }),
    ]);
  });

  it("shows the lines of a Factur-X (CII) PDF", async () => {
    const stem = "mustang2__MustangGnuaccountingBeispielRE-20190610_507";
    const [id] = await upload(platform, [join(FIXTURES, `zugferd/files/${stem}.pdf`)]);
    const doc = await documentJson(platform, id!);
    expect(doc.status).toBe("processed");
    expect(doc.einvoice?.syntax).toBe("cii");
    expect(doc.einvoice?.lineItems.map((l) => l.amount)).toEqual(["160.00", "316.00", "20.00"]);
    expect(doc.fields.find((f) => f.name === "total")?.tokenIds.length).toBeGreaterThan(0);
  });

  it("takes a plain UBL XML upload: no pages, the XML's fields, processed", async () => {
    const [id] = await upload(platform, [join(FIXTURES, "einvoice/ubl-invoice.xml")]);
    const doc = await documentJson(platform, id!);
    expect(doc).toMatchObject({ status: "processed", mime: "application/xml", pageCount: 0 });
    expect(doc.category?.name).toBe("invoice");
    expect(normalizedByName(doc.fields)).toMatchObject({
      invoice_number: "UBL-2026-0042",
      date: "2026-11-30",
      vendor: "Beispielwerk GmbH",
      total: "255.85",
      amount_due: "200.00",
    });
    for (const f of doc.fields) expect(f).toMatchObject({ tokenIds: [], box: null, page: null });
    expect(doc.einvoice).toMatchObject({ syntax: "ubl", attachment: null });
    expect(doc.einvoice!.lineItems).toHaveLength(2);
  });

  it("refuses XML that is no e-invoice with 415 and fails a broken one with invalid_einvoice", async () => {
    const order = {
      name: "order.xml",
      bytes: new TextEncoder().encode("<Order><ID>1</ID></Order>"),
    };
    await expect(upload(platform, [order])).rejects.toThrow(/415.*unsupported_type/);
    const broken = {
      name: "broken.xml",
      bytes: new TextEncoder().encode('<?xml version="1.0"?><Invoice><ID>1</Invoice>'),
    };
    const [id] = await upload(platform, [broken]);
    const doc = await documentJson(platform, id!);
    expect(doc.status).toBe("failed");
    expect(doc.error?.code).toBe("invalid_einvoice");
  });

  it("reads e-invoices with the models only when the project turns readEInvoices off", async () => {
    const off = await platform.request("/v1/projects/default", {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ settings: { readEInvoices: false } }),
    });
    expect(off.status).toBe(200);
    const bytes = readFileSync(join(FIXTURES, "zugferd/files/zf10__ZUGFeRD_1p0_BASIC_Einfach.pdf"));
    // Other bytes than the first upload's (a trailing comment), so it is a new document.
    const copy = new Uint8Array([...bytes, ...new TextEncoder().encode("\n% copy\n")]);
    const [id] = await upload(platform, [{ name: "again.pdf", bytes: copy }]);
    const doc = await documentJson(platform, id!);
    expect(doc.status).toBe("needs_review"); // no model in this project
    expect(doc.fields).toEqual([]);
    expect(doc.einvoice?.syntax).toBe("zugferd1"); // the XML's lines are still shown
  });
});
