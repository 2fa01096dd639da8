import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashSnapshot, type SnapshotContent } from "./snapshot-content";
import { snapshotDocument, snapshotEInvoiceDocument } from "./snapshot-document";

const labeled = (name: string, value: string) => ({
  name,
  value,
  normalized: null,
  tokenIds: [],
  aligned: false,
});

describe("a reviewed document in a snapshot", () => {
  it("lists fields marked absent without inventing a value for them", () => {
    const entry = snapshotDocument(
      { category: "receipt", fields: [labeled("total", "9.00")], absent: ["date"] },
      { id: "doc_1", sha256: "a".repeat(64) },
      "train",
    );
    expect(entry).toEqual({
      id: "doc_1",
      sha256: "a".repeat(64),
      split: "train",
      category: "receipt",
      fields: [{ name: "total", value: "9.00" }],
      absent: ["date"],
    });
  });

  it("keeps the hash of documents without absent fields as it was", () => {
    const entry = snapshotDocument(
      { category: "receipt", fields: [labeled("total", "9.00")], absent: [] },
      { id: "doc_1", sha256: "a".repeat(64) },
      "train",
    )!;
    expect(entry).not.toHaveProperty("absent");
    const content = (documents: SnapshotContent["documents"]): SnapshotContent => ({
      projectId: "p",
      labelSchema: { version: 1, categories: [{ name: "receipt", fields: [] }] },
      documents,
    });
    const withAbsent = { ...entry, absent: ["date"] };
    expect(hashSnapshot(content([entry]))).not.toBe(hashSnapshot(content([withAbsent])));
    // The canonical form every snapshot before `absent` was hashed by.
    const before = JSON.stringify({
      labelSchemaVersion: 1,
      documents: [[entry.id, entry.sha256, entry.split, entry.category, entry.fields]],
    });
    expect(hashSnapshot(content([entry]))).toBe(createHash("sha256").update(before).digest("hex"));
  });
});

describe("an e-invoice document in a snapshot", () => {
  const field = (
    name: string,
    value: string,
    tokenIds: string[],
    source = "einvoice" as const,
  ) => ({
    name,
    value,
    normalized: value,
    confidence: 1,
    page: tokenIds.length ? 0 : null,
    box: null,
    tokenIds,
    source,
  });

  it("labels only the XML fields located on the page, and annotates only those", () => {
    const entry = snapshotEInvoiceDocument(
      "invoice",
      [
        field("invoice_number", "471102", ["0:3"]),
        field("vendor_vat_id", "DE123456789", []),
        field("total", "529.87", ["0:40", "0:41"]),
        { ...field("due_date", "2018-04-04", ["0:9"]), source: "model" as const },
      ],
      { id: "doc_2", sha256: "b".repeat(64) },
      "validation",
    );
    expect(entry).toEqual({
      id: "doc_2",
      sha256: "b".repeat(64),
      split: "validation",
      category: "invoice",
      fields: [
        { name: "invoice_number", value: "471102", tokenIds: ["0:3"] },
        { name: "total", value: "529.87", tokenIds: ["0:40", "0:41"] },
      ],
      annotated: ["invoice_number", "total"],
    });
  });

  it("is left out when nothing was located", () => {
    const entry = snapshotEInvoiceDocument(
      "invoice",
      [field("total", "1.00", [])],
      { id: "doc_3", sha256: "c".repeat(64) },
      "train",
    );
    expect(entry).toBeNull();
  });
});
