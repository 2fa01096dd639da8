import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_LABEL_SCHEMA } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { TEST_DATA_DIR } from "../test-support/test-documents";
import { mapGroundTruth } from "./map-ground-truth";
import { splitDocuments } from "./split-documents";

const gt = (path: string) => JSON.parse(readFileSync(join(TEST_DATA_DIR, path), "utf8"));
const empty = { pages: [] };

describe("mapGroundTruth", () => {
  it("turns Kleister parties into one labeled value each and keeps asked-but-empty keys annotated", () => {
    const doc = mapGroundTruth(
      gt("kleister_nda/gt/170c3523298f4c60ae0935d7f800330d.json"),
      empty,
      DEFAULT_LABEL_SCHEMA,
      "x",
    );
    expect(doc?.category).toBe("contract");
    expect(doc?.fields).toEqual([
      { name: "jurisdiction", value: "Delaware" },
      { name: "parties", value: "Coupa Software Inc." },
    ]);
    // `term` and `effective_date` were asked and have no value: known to be absent.
    expect(doc?.annotatedFields).toEqual(["parties", "effective_date", "jurisdiction", "term"]);
  });

  it("maps invoice fields of the schema and drops the others", () => {
    const doc = mapGroundTruth(
      gt("zugferd/gt/zf20__zugferd_2p0_MINIMUM.json"),
      empty,
      DEFAULT_LABEL_SCHEMA,
    );
    expect(doc?.category).toBe("invoice");
    expect(doc?.fields.map((f) => f.name)).not.toContain("document_type");
    expect(doc?.annotatedFields).toEqual(
      doc?.fields.map((f) => f.name).sort((a, b) => order(a) - order(b)),
    );
  });

  it("skips non-documents", () => {
    const malformed = { file: "files/bug1020226.pdf", type: "malformed_pdf", fields: {} };
    expect(mapGroundTruth(malformed, empty, DEFAULT_LABEL_SCHEMA)).toBeNull();
  });
});

const invoiceFields = DEFAULT_LABEL_SCHEMA.categories
  .find((c) => c.name === "invoice")!
  .fields.map((f) => f.name);
const order = (name: string) => invoiceFields.indexOf(name);

describe("splitDocuments", () => {
  const ids = Array.from({ length: 50 }, (_, i) => `sroie/doc${i}`);

  it("holds out 20% deterministically, independent of input order", () => {
    const a = splitDocuments(ids, (x) => x, { seed: 1 });
    const b = splitDocuments([...ids].reverse(), (x) => x, { seed: 1 });
    expect(a.test).toHaveLength(10);
    expect(a.train).toHaveLength(40);
    expect([...b.test].sort()).toEqual([...a.test].sort());
    expect(a.train.some((x) => a.test.includes(x))).toBe(false);
  });

  it("changes with the seed", () => {
    const a = splitDocuments(ids, (x) => x, { seed: 1 });
    const c = splitDocuments(ids, (x) => x, { seed: 2 });
    expect([...c.test].sort()).not.toEqual([...a.test].sort());
  });
});
