import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_LABEL_SCHEMA, type LabelSchema } from "@pagewise/core";
import { datasetLayoutToLayout } from "../dataset/dataset-layout";
import { mapGroundTruth } from "../dataset/map-ground-truth";
import type { TrainingDocument } from "../types";

/** The committed subset (`packages/models/test-data`): always there. */
export const TEST_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-data");

/**
 * Documents of a dataset folder that has precomputed layouts (`gt/` + `layout/`), as training
 * documents with ids `<dataset>/<stem>`, in stem order.
 */
export function loadLayoutDataset(
  dir: string,
  schema: LabelSchema = DEFAULT_LABEL_SCHEMA,
): TrainingDocument[] {
  const dataset = dir.split("/").filter(Boolean).pop()!;
  return readdirSync(join(dir, "gt"))
    .filter((n) => n.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const stem = name.slice(0, -5);
      const layoutPath = join(dir, "layout", name);
      if (!existsSync(layoutPath)) return [];
      const gt = JSON.parse(readFileSync(join(dir, "gt", name), "utf8"));
      const layout = datasetLayoutToLayout(JSON.parse(readFileSync(layoutPath, "utf8")));
      const doc = mapGroundTruth(gt, layout, schema, `${dataset}/${stem}`);
      return doc ? [doc] : [];
    });
}

/** The committed test documents of one dataset (`sroie`, `zugferd`, `kleister_nda`). */
export function loadTestDocuments(dataset: string): TrainingDocument[] {
  return loadLayoutDataset(join(TEST_DATA_DIR, dataset));
}

/**
 * The full datasets, from env `PAGEWISE_DATASETS`: undefined when unset (tests skip); a set but
 * missing folder is a broken setup and throws rather than silently skipping.
 */
export function datasetsDir(): string | undefined {
  const dir = process.env.PAGEWISE_DATASETS;
  if (!dir) return undefined;
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new Error(`PAGEWISE_DATASETS=${dir} does not exist`);
  return abs;
}
