import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { DEFAULT_LABEL_SCHEMA, type EInvoice, type LabelSchema, type Layout } from "@pagewise/core";
import {
  datasetLayoutToLayout,
  mapGroundTruth,
  splitDocuments,
  type TrainingDocument,
  vendorGroup,
} from "@pagewise/models";
import { DocumentReader, openPdf, readDocument, readEmbeddedEInvoice } from "@pagewise/ocr";
import type { CliEnv } from "../env";
import { LayoutCache } from "./layout-cache";
import { type DatasetEntry, listDataset } from "./list-dataset";

export interface LoadDocumentsOptions {
  dirs: string[];
  /** `dataset`: use a dataset's own `layout/<stem>.json` where it has one; `read`: always read. */
  layout: "dataset" | "read";
  /** Which part of each dataset's deterministic 80/20 split (by document) to load. */
  split: "train" | "test" | "all";
  splitSeed: number;
  /** `vendor`: split by vendor group (`vendorGroup`), so test documents come from unseen vendors. */
  splitBy?: "document" | "vendor";
  labelSchema?: LabelSchema;
  /** Re-read documents even when a cached layout exists. */
  refreshCache?: boolean;
  env: CliEnv;
  log: (text: string) => void;
  /** Called with each PDF's embedded e-invoice (ZUGFeRD / Factur-X XML), by document id. */
  onEInvoice?: (id: string, einvoice: EInvoice) => void;
}

/** A PDF's embedded e-invoice, or null (not a PDF, none embedded, or unreadable). */
async function embeddedEInvoice(file: string): Promise<EInvoice | null> {
  if (!file.toLowerCase().endsWith(".pdf")) return null;
  try {
    const doc = await openPdf(new Uint8Array(await readFile(file)));
    try {
      return await readEmbeddedEInvoice(doc);
    } finally {
      await doc.destroy();
    }
  } catch {
    return null; // the reader reports unreadable files itself
  }
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return out;
}

/**
 * Load datasets as training documents: each folder's documents (skipping non-documents), the
 * requested part of its 80/20 split, each read through the pipeline's reader (PDF text layer or
 * OCR, `@pagewise/ocr`) with an on-disk cache, or from the dataset's own layout with
 * `layout: "dataset"`. Documents that cannot be read are reported and left out.
 */
export async function loadDocuments(options: LoadDocumentsOptions): Promise<TrainingDocument[]> {
  const schema = options.labelSchema ?? DEFAULT_LABEL_SCHEMA;
  const chosen: DatasetEntry[] = [];
  for (const dir of options.dirs) {
    const { entries, skipped } = await listDataset(dir);
    if (skipped.length > 0)
      options.log(
        `${dir}: skipping ${skipped.length} non-documents (${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", …" : ""})`,
      );
    const byVendor = options.splitBy === "vendor";
    const parts = splitDocuments(entries, (e) => e.id, {
      seed: options.splitSeed,
      groupOf: byVendor ? (e) => vendorGroup(e.gt) : undefined,
    });
    const picked = options.split === "all" ? entries : parts[options.split];
    const vendors = new Set(picked.map((e) => vendorGroup(e.gt)).filter((v) => v !== undefined));
    options.log(
      `${dir}: ${picked.length} of ${entries.length} documents (split ${options.split}${byVendor ? " by vendor" : ""}, seed ${options.splitSeed}${vendors.size > 0 ? `, ${vendors.size} vendors` : ""})`,
    );
    chosen.push(...picked);
  }
  const cache = new LayoutCache(options.env.PAGEWISE_CACHE_DIR);
  let reader: DocumentReader | undefined;
  let fromCache = 0;
  let read = 0;
  let done = 0;
  const started = performance.now();
  try {
    const docs = await mapLimit(
      chosen,
      Math.max(2, options.env.PAGEWISE_READER_THREADS),
      async (entry) => {
        let layout: Layout | undefined;
        try {
          if (options.layout === "dataset" && existsSync(entry.layoutFile)) {
            layout = datasetLayoutToLayout(JSON.parse(await readFile(entry.layoutFile, "utf8")));
          } else {
            const bytes = new Uint8Array(await readFile(entry.file));
            const key = LayoutCache.key(bytes);
            layout = options.refreshCache ? undefined : await cache.get(key);
            if (layout) fromCache++;
            else {
              reader ??= new DocumentReader({
                threads: options.env.PAGEWISE_READER_THREADS,
                languages: options.env.PAGEWISE_OCR_LANGUAGES,
              });
              layout = await readDocument(reader, bytes);
              await cache.set(key, layout);
              read++;
            }
          }
        } catch (error) {
          options.log(`cannot read ${entry.id}: ${(error as Error).message}`);
          return null;
        }
        if (options.onEInvoice) {
          const einvoice = await embeddedEInvoice(entry.file);
          if (einvoice) options.onEInvoice(entry.id, einvoice);
        }
        done++;
        if (done % 25 === 0 || done === chosen.length) {
          const secs = ((performance.now() - started) / 1000).toFixed(1);
          options.log(
            `read ${done}/${chosen.length} documents (${fromCache} cached, ${read} read) in ${secs} s`,
          );
        }
        const doc = mapGroundTruth(entry.gt, layout, schema, entry.id);
        const group = vendorGroup(entry.gt);
        return doc && group !== undefined ? { ...doc, group } : doc;
      },
    );
    return docs.filter((d): d is TrainingDocument => d !== null);
  } finally {
    await reader?.close();
  }
}
