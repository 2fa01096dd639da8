import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The public datasets (`PAGEWISE_DATASETS`, CI: ../shared/data). Unset: dataset tests skip.
 * Set but missing: a broken setup, and the test fails rather than silently skipping.
 */
export function datasetsDir(): string | undefined {
  const dir = process.env.PAGEWISE_DATASETS;
  if (!dir) return undefined;
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new Error(`PAGEWISE_DATASETS=${dir} does not exist`);
  return abs;
}

export interface DatasetDocument {
  stem: string;
  file: string;
  type: string;
  fields: Record<string, string | string[]>;
  /** The dataset's own layout (SROIE), in the import shape of the API. */
  layout?: unknown;
}

/** The documents of one dataset, sorted by stem (a stable order for deterministic subsets). */
export function loadDataset(root: string, name: string): DatasetDocument[] {
  const dir = join(root, name);
  return readdirSync(join(dir, "gt"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const stem = f.replace(/\.json$/, "");
      const gt = JSON.parse(readFileSync(join(dir, "gt", f), "utf8")) as {
        file: string;
        type: string;
        fields: Record<string, string | string[]>;
      };
      const layoutPath = join(dir, "layout", `${stem}.json`);
      return {
        stem,
        file: join(dir, gt.file),
        type: gt.type,
        fields: gt.fields,
        ...(existsSync(layoutPath) ? { layout: JSON.parse(readFileSync(layoutPath, "utf8")) } : {}),
      };
    });
}

/** Ground-truth fields as review / import labels (`parties` lists become one entry per value). */
export function labelsOf(doc: DatasetDocument, names?: readonly string[]) {
  return Object.entries(doc.fields)
    .filter(([name]) => !names || names.includes(name))
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })),
    );
}
