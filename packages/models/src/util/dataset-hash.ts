import type { TrainingDocument } from "../types";
import { sha256Hex, stableStringify } from "./sha256";

const cache = new WeakMap<readonly TrainingDocument[], Promise<string>>();

/**
 * Content hash of a training set: documents in id order, each hashed over its category, labels,
 * annotated fields and layout (token id, text, box, line, page size). Same documents and labels →
 * same hash, whatever order they came in. Memoized per array (both models hash the same set).
 */
export function datasetHash(docs: readonly TrainingDocument[]): Promise<string> {
  let hash = cache.get(docs);
  if (!hash) {
    hash = computeHash(docs);
    cache.set(docs, hash);
  }
  return hash;
}

async function computeHash(docs: readonly TrainingDocument[]): Promise<string> {
  const sorted = [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parts: string[] = [];
  for (const doc of sorted) {
    const head = stableStringify({
      id: doc.id,
      category: doc.category,
      fields: doc.fields,
      annotatedFields: doc.annotatedFields ?? null,
    });
    const lines = [head];
    for (const page of doc.layout.pages) {
      lines.push(`page\t${page.width}\t${page.height}`);
      for (const t of page.tokens)
        lines.push(`${t.id}\t${JSON.stringify(t.text)}\t${t.box.join(",")}\t${t.line}`);
    }
    parts.push(await sha256Hex(lines.join("\n")));
  }
  return sha256Hex(parts.join("\n"));
}
