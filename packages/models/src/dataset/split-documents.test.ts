import { describe, expect, it } from "vitest";
import { foldDocuments, splitDocuments, splitGroups } from "./split-documents";
import { vendorGroup } from "./vendor-group";

interface Doc {
  id: string;
  group?: string;
}

// 60 invoices of 9 vendors with uneven sizes (one vendor has a third of them), plus 40 receipts
// without a vendor.
const sizes = [20, 9, 8, 7, 6, 4, 3, 2, 1];
const docs: Doc[] = [
  ...sizes.flatMap((n, v) =>
    Array.from({ length: n }, (_, i) => ({ id: `inv/v${v}-${i}`, group: `vendor ${v}` })),
  ),
  ...Array.from({ length: 40 }, (_, i) => ({ id: `rec/r${i}` })),
];
const groupOf = (d: Doc) => d.group;
const groupsOf = (part: Doc[]) => new Set(part.map((d) => d.group).filter(Boolean));

describe("splitDocuments by vendor", () => {
  it("never puts a vendor on both sides, and splits the others by document", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { train, test } = splitDocuments(docs, (d) => d.id, { seed, groupOf });
      expect(train.length + test.length).toBe(docs.length);
      const trainGroups = groupsOf(train);
      for (const g of groupsOf(test)) expect(trainGroups.has(g)).toBe(false);
      expect(groupsOf(test).size).toBeGreaterThan(0);
      expect(trainGroups.size).toBeGreaterThan(0);
      // ungrouped documents: exactly 20 % held out, as without groupOf
      expect(test.filter((d) => !d.group)).toHaveLength(8);
      // the held-out vendors come close to 20 % of the invoices
      const heldInvoices = test.filter((d) => d.group).length;
      expect(heldInvoices).toBeGreaterThanOrEqual(6);
      expect(heldInvoices).toBeLessThanOrEqual(18);
    }
  });

  it("is deterministic, independent of input order, and changes with the seed", () => {
    const a = splitDocuments(docs, (d) => d.id, { seed: 1, groupOf });
    const b = splitDocuments([...docs].reverse(), (d) => d.id, { seed: 1, groupOf });
    const ids = (p: Doc[]) => p.map((d) => d.id).sort();
    expect(ids(b.test)).toEqual(ids(a.test));
    const tests = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        [...groupsOf(splitDocuments(docs, (d) => d.id, { seed, groupOf }).test)].sort().join("|"),
      ),
    );
    expect(tests.size).toBeGreaterThan(1);
  });

  it("holds out the smallest group when every group is larger than the share", () => {
    const held = splitGroups(
      new Map([
        ["a", 30],
        ["b", 10],
        ["c", 40],
      ]),
      0.05,
      1,
    );
    expect([...held]).toEqual(["b"]);
    // one group alone cannot be split: it stays on the training side
    expect(splitGroups(new Map([["a", 30]]), 0.5, 1).size).toBe(0);
  });
});

describe("foldDocuments", () => {
  it("keeps each vendor in one fold, balances folds and round-robins the rest", () => {
    const folds = foldDocuments(docs, 5, groupOf);
    expect(folds.flat()).toHaveLength(docs.length);
    const foldOfGroup = new Map<string, number>();
    folds.forEach((fold, f) => {
      for (const d of fold) {
        if (!d.group) continue;
        expect(foldOfGroup.get(d.group) ?? f).toBe(f);
        foldOfGroup.set(d.group, f);
      }
      expect(fold.filter((d) => !d.group)).toHaveLength(8);
    });
    const invoiceCounts = folds.map((fold) => fold.filter((d) => d.group).length).sort();
    // 60 invoices, largest vendor 20: greedy balancing gives folds of 20, 10, 10, 10, 10
    expect(invoiceCounts).toEqual([10, 10, 10, 10, 20]);
    expect(foldDocuments([...docs].reverse(), 5, groupOf)).toEqual(folds);
  });

  it("without groups is the round robin over sorted ids", () => {
    const folds = foldDocuments(docs, 3);
    const sorted = docs.map((d) => d.id).sort();
    expect(folds[1]!.map((d) => d.id)).toEqual(sorted.filter((_, i) => i % 3 === 1));
  });
});

describe("vendorGroup", () => {
  it("takes ZUGFeRD's vendor_cluster, else an invoice's vendor, ignoring case and spacing", () => {
    const gt = (type: string, fields: Record<string, string>, cluster?: string) => ({
      file: "files/x.pdf",
      type,
      fields,
      ...(cluster ? { vendor_cluster: cluster } : {}),
    });
    expect(vendorGroup(gt("invoice", { vendor: "Lieferant  GmbH" }, "Lieferant GmbH"))).toBe(
      "lieferant gmbh",
    );
    expect(vendorGroup(gt("invoice", { vendor: "COOLBLUE B.V." }))).toBe(
      vendorGroup(gt("invoice", { vendor: "Coolblue B.V." })),
    );
    expect(vendorGroup(gt("receipt", { company: "ABC SDN BHD" }))).toBeUndefined();
    expect(vendorGroup(gt("invoice", {}))).toBeUndefined();
  });
});
