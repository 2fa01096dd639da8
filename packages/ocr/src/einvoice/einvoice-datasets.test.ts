import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeValue } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { openPdf } from "../pdfjs";
import { datasetsDir } from "../test-fixtures";
import { readEmbeddedEInvoice } from "./read-embedded-einvoice";

const datasets = datasetsDir();
const AMOUNTS = new Set(["total_untaxed", "tax", "total", "amount_due"]);
const normalized = (name: string, value: string) =>
  AMOUNTS.has(name) ? (normalizeValue("amount", value) ?? value) : value;

describe.skipIf(datasets === undefined)(
  "e-invoices on the full datasets (PAGEWISE_DATASETS)",
  () => {
    it("reads every ZUGFeRD dev invoice's embedded XML as its ground truth", async () => {
      const dir = join(datasets!, "zugferd");
      const gts = readdirSync(join(dir, "gt"))
        .sort()
        .map(
          (name) =>
            JSON.parse(readFileSync(join(dir, "gt", name), "utf8")) as {
              file: string;
              embedded_xml_name: string;
              fields: Record<string, string>;
            },
        );
      expect(gts.length).toBeGreaterThan(30);
      const perField = new Map<string, { support: number; match: number }>();
      const mismatches: string[] = [];
      for (const gt of gts) {
        const doc = await openPdf(new Uint8Array(readFileSync(join(dir, gt.file))));
        const invoice = await readEmbeddedEInvoice(doc).finally(() => doc.destroy());
        expect(invoice, gt.file).not.toBeNull();
        expect(invoice!.attachment).toBe(gt.embedded_xml_name);
        expect(invoice!.documentType).toBe(gt.fields.document_type);
        const got = new Map(invoice!.fields.map((f) => [f.name, f.normalized]));
        for (const [name, value] of Object.entries(gt.fields)) {
          if (name.startsWith("document_type")) continue;
          const stat = perField.get(name) ?? { support: 0, match: 0 };
          stat.support++;
          const mine = got.get(name);
          if (mine !== undefined && normalized(name, mine) === normalized(name, value))
            stat.match++;
          else mismatches.push(`${gt.file} ${name}: want ${value}, got ${mine}`);
          perField.set(name, stat);
        }
        // Nothing the ground truth does not have (it lists every field its XML states).
        expect(
          [...got.keys()].filter((n) => gt.fields[n] === undefined),
          gt.file,
        ).toEqual([]);
      }
      const rates = [...perField].map(
        ([name, s]) =>
          `${name.padEnd(18)} ${((100 * s.match) / s.support).toFixed(1)} % of ${s.support}`,
      );
      console.log(`e-invoice XML vs ground truth, ${gts.length} documents:\n${rates.join("\n")}`);
      expect(mismatches).toEqual([]);
    });
  },
);
