import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
// The dataset format alone (zod), not the models' entry point: listing a dataset for `import`
// must not load TensorFlow.js.
import { type DatasetGroundTruth, DatasetGroundTruthSchema } from "@pagewise/models/dataset-format";

/** A document of a dataset folder (`files/` + `gt/*.json`, the format of ../shared/data). */
export interface DatasetEntry {
  /** `<dataset>/<stem>`: unique across datasets, stable (splits hash it). */
  id: string;
  dataset: string;
  stem: string;
  file: string;
  gt: DatasetGroundTruth;
  /** `layout/<stem>.json` when the dataset ships a precomputed layout (SROIE). */
  layoutFile: string;
}

const DOCUMENT_EXTENSIONS = new Set([".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"]);

/**
 * The documents of a dataset folder, in stem order. Skips what is not a document to read:
 * `malformed_pdf` ground truth (bad-input tests) and files that are not PDFs or images
 * (invoice2data's `Orlen.txt`).
 */
export async function listDataset(
  dir: string,
): Promise<{ entries: DatasetEntry[]; skipped: string[] }> {
  const root = resolve(dir);
  const dataset = basename(root);
  const names = (await readdir(join(root, "gt"))).filter((n) => n.endsWith(".json")).sort();
  const entries: DatasetEntry[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const gt = DatasetGroundTruthSchema.parse(
      JSON.parse(await readFile(join(root, "gt", name), "utf8")),
    );
    const stem = name.slice(0, -".json".length);
    if (gt.type === "malformed_pdf" || !DOCUMENT_EXTENSIONS.has(extname(gt.file).toLowerCase())) {
      skipped.push(`${dataset}/${stem}`);
      continue;
    }
    entries.push({
      id: `${dataset}/${stem}`,
      dataset,
      stem,
      file: join(root, gt.file),
      gt,
      layoutFile: join(root, "layout", `${stem}.json`),
    });
  }
  return { entries, skipped };
}
