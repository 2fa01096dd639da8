import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { layoutText } from "@pagewise/core";
import { describe, expect, it } from "vitest";
import { readPdfTextLayer } from "./pdf-text-layer";
import { datasetsDir } from "./test-fixtures";

const datasets = datasetsDir();
const squash = (s: string) => s.replace(/\s+/g, "");

describe.skipIf(datasets === undefined)(
  "text layer on the full datasets (PAGEWISE_DATASETS)",
  () => {
    it("finds every ZUGFeRD dev invoice's number in its text layer", async () => {
      const dir = join(datasets!, "zugferd");
      const gts = readdirSync(join(dir, "gt")).map((name) =>
        JSON.parse(readFileSync(join(dir, "gt", name), "utf8")),
      );
      expect(gts.length).toBeGreaterThan(30);
      const missing: string[] = [];
      for (const gt of gts) {
        const layout = await readPdfTextLayer(new Uint8Array(readFileSync(join(dir, gt.file))));
        // Some layouts space out or wrap long numbers: compare without whitespace.
        if (!squash(layoutText(layout)).includes(squash(gt.fields.invoice_number)))
          missing.push(gt.file);
      }
      expect(missing).toEqual([]);
    });
  },
);
