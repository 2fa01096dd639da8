import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** The datasets folder: env PAGEWISE_DATASETS, else the shared data of this workplace. */
export function datasetsDir(): string {
  const dir = resolve(process.env.PAGEWISE_DATASETS ?? "/work/shared/data");
  if (!existsSync(dir))
    throw new Error(`datasets folder ${dir} does not exist (PAGEWISE_DATASETS)`);
  return dir;
}

export interface GtDocument {
  stem: string;
  path: string;
  fields: Record<string, string>;
}

/** The first `limit` documents of a dataset (sorted by name), with their uniform ground truth. */
export function listDataset(dataset: string, limit = Number.POSITIVE_INFINITY): GtDocument[] {
  const dir = join(datasetsDir(), dataset);
  return readdirSync(join(dir, "gt"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .slice(0, limit)
    .map((name) => {
      const gt = JSON.parse(readFileSync(join(dir, "gt", name), "utf8"));
      return { stem: name.replace(/\.json$/, ""), path: join(dir, gt.file), fields: gt.fields };
    });
}

/** Run `fn` over `items` with at most `concurrency` calls in flight, keeping the order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
  return results;
}

/** Print rows as an aligned text table. */
export function printTable(rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]?.length ?? 0)));
  for (const [i, row] of cells.entries()) {
    console.log(
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join("  "),
    );
    if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}
